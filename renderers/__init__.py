"""htdy.renderers"""
