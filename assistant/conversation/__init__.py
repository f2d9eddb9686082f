"""The conversation: one heard utterance in, one committed turn and its spoken reply out."""
