"""htdy.parsers"""
