"""htdy.perf"""
