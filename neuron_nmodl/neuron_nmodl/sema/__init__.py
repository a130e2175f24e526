"""Semantic passes: declarations (declare.py) and name/call resolution (resolve.py)."""
