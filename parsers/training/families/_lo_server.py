"""A long-lived LibreOffice converter, run by Debian's system Python (which has the ``uno`` bridge
from python3-uno), never imported by htdy. It starts headless soffice with a private profile, then
reads ``SRC<TAB>DEST<TAB>FILTER`` lines on stdin and answers ``ok`` or ``err <reason>`` on stdout
after storing SRC at DEST with that export filter (writer_pdf_Export, "MS Word 2007 XML"): what
``soffice --convert-to`` does, without paying LibreOffice's start-up for every document.

Usage: python3 _lo_server.py PROFILE_URL PIPE_NAME SOFFICE"""
import shutil
import subprocess
import sys
import time
from urllib.parse import unquote, urlparse


def _props(**kw):
    from com.sun.star.beans import PropertyValue

    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def main() -> int:
    import uno

    profile, pipe, soffice = sys.argv[1:4]
    proc = subprocess.Popen(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--nologo", "--norestore",
         "--nolockcheck", "--nodefault", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(1200):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    if ctx is None:
        print("err soffice did not start", flush=True)
        proc.kill()
        return 1
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            src, dest, filter_name = line.rstrip("\n").split("\t")
            try:
                url = uno.systemPathToFileUrl(src)
                doc = desktop.loadComponentFromURL(url, "_blank", 0, _props(Hidden=True))
                try:
                    doc.storeToURL(uno.systemPathToFileUrl(dest), _props(FilterName=filter_name))
                finally:
                    doc.close(True)
                print("ok", flush=True)
            except Exception as exc:  # report and go on with the next document
                print("err " + repr(exc).replace("\n", " "), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        # the profile is private to this converter: remove it (the client may have exited without atexit)
        shutil.rmtree(unquote(urlparse(profile).path), ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
