"""htdy — Help Them Discover You: a self-hostable CV platform.

Plugin authors import the hook marker from here::

    from htdy import hookimpl
"""
import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("htdy")

__all__ = ["__version__", "hookimpl"]
