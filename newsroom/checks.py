"""System checks for settings that must agree with each other.

(The shared cache that production requires is checked by the pagecache app.)
"""
