"""Small Wins: understanding, memory and replies, on top of the speech pipeline."""
