"""htdy.plugins"""
