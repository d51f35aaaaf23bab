"""The hello-world baseline of ``htdy perf run``: ``python hello_server.py PORT`` serves
``GET /`` → "Hello, world" with aiohttp on 127.0.0.1 (uvloop when installed)."""
import sys

from aiohttp import web


async def hello(request: web.Request) -> web.Response:
    return web.Response(text="Hello, world")


def main() -> None:
    app = web.Application()
    app.router.add_get("/", hello)
    try:
        import uvloop
        loop = uvloop.new_event_loop()
    except ImportError:  # pragma: no cover
        loop = None
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None, loop=loop)


if __name__ == "__main__":
    main()
