"""Audio in, endpointing, recognition, synthesis and audio out: everything that touches sound."""
