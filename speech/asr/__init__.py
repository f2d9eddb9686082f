"""Speech recognition behind one small interface, with one module per engine."""
