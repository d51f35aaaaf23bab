"""htdy.storage_backends"""
