"""Auto-Analyst kernel: one Python process that runs a session's code cells in a
persistent namespace and answers in line-delimited JSON.

The server (io.autoanalyst.runtime.KernelProcess) writes one request per line on our
stdin and reads one response per line from our stdout:

    {"id": 7, "op": "run", "code": "df.head()", "silent": false, "print_tables": false}
    {"id": 8, "op": "ping"}
    {"id": 9, "op": "reset"}
    {"id": 10, "op": "shutdown"}

Outputs follow Jupyter's nbformat shapes (stream, display_data, execute_result, error)
so that a session can be exported as a notebook without translation.

User code must never be able to corrupt the protocol by accident, so at start-up the
protocol moves to private duplicates of fds 0 and 1; fd 0 then reads /dev/null and fds
1 and 2 become pipes that a drain thread copies into the current run's capture (so
`os.write(1, ...)` and child processes are captured too). Deliberate tampering (writing
to the private fd found in /proc/self/fd) can only break this session's own kernel; the
server ignores lines it cannot match and kills a kernel that floods it.
"""

import argparse
import ast
import base64
import builtins
import io
import json
import linecache
import os
import resource
import signal
import sys
import threading
import time
import traceback
import types

KERNEL_FILE = os.path.abspath(__file__)
KERNEL_PID = os.getpid()


def parse_args(argv):
    p = argparse.ArgumentParser(description="Auto-Analyst JSON-lines Python kernel")
    p.add_argument("--output-cap", type=int, default=1 << 20,
                   help="bytes kept per stream (stdout, stderr) per run")
    p.add_argument("--result-cap", type=int, default=32 << 20,
                   help="bytes of rich output (tables, figures, images) kept per run")
    p.add_argument("--table-rows", type=int, default=1000,
                   help="rows of a displayed DataFrame sent as JSON data")
    p.add_argument("--cpu-per-run", type=int, default=0,
                   help="CPU seconds one run may use (0 = no per-run limit)")
    p.add_argument("--cpu-total", type=int, default=0,
                   help="CPU seconds the kernel may use over its life (0 = unlimited)")
    p.add_argument("--address-space", type=int, default=0, help="RLIMIT_AS in bytes (0 = unchanged)")
    p.add_argument("--max-processes", type=int, default=0, help="RLIMIT_NPROC (0 = unchanged)")
    p.add_argument("--max-file-size", type=int, default=0, help="RLIMIT_FSIZE in bytes (0 = unchanged)")
    p.add_argument("--max-open-files", type=int, default=0, help="RLIMIT_NOFILE (0 = unchanged)")
    p.add_argument("--network-guard", action="store_true",
                   help="refuse to create internet sockets from Python (used when no network namespace)")
    p.add_argument("--no-warmup", action="store_true", help="skip the warm-up imports and renders")
    return p.parse_args(argv)


# --------------------------------------------------------------------------------------
# Output capture
# --------------------------------------------------------------------------------------

class CpuTimeExceeded(BaseException):
    """Raised in user code by SIGXCPU. A BaseException so `except Exception` cannot swallow it."""


class RunCapture:
    """Collects the nbformat outputs of one run, capping streams and rich output as they arrive."""

    def __init__(self, stream_cap, result_cap):
        self.stream_cap = stream_cap
        self.result_cap = result_cap
        self.outputs = []
        self.kept = {"stdout": 0, "stderr": 0}
        self.omitted = {"stdout": 0, "stderr": 0}
        self.rich_bytes = 0
        self.rich_omitted = 0
        self.lock = threading.Lock()
        self._open_stream = None  # (name, list_of_chunks) of the last output if it is a stream

    def stream(self, name, text):
        if not text:
            return
        with self.lock:
            room = self.stream_cap - self.kept[name]
            size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
            if size <= room:
                keep = text
                self.kept[name] += size
            else:
                keep = cut_utf8(text, max(room, 0))
                kept_size = len(keep.encode("utf-8", "surrogatepass"))
                self.kept[name] += kept_size
                self.omitted[name] += size - kept_size
            if keep:
                if self._open_stream is not None and self._open_stream[0] == name:
                    self._open_stream[1].append(keep)
                else:
                    chunks = [keep]
                    self.outputs.append({"output_type": "stream", "name": name, "text": chunks})
                    self._open_stream = (name, chunks)

    def rich(self, output, size):
        with self.lock:
            if self.rich_bytes + size > self.result_cap:
                self.rich_omitted += 1
                return
            self.rich_bytes += size
            self.outputs.append(output)
            self._open_stream = None

    def finish(self):
        """Joins stream chunks and appends the truncation notes; returns (outputs, truncated)."""
        with self.lock:
            for name in ("stdout", "stderr"):
                if self.omitted[name]:
                    note = "\n[output truncated: %d bytes omitted]\n" % self.omitted[name]
                    if self._open_stream is not None and self._open_stream[0] == name:
                        self._open_stream[1].append(note)
                    else:
                        chunks = [note]
                        self.outputs.append({"output_type": "stream", "name": name, "text": chunks})
                        self._open_stream = (name, chunks)
            if self.rich_omitted:
                self.outputs.append({"output_type": "stream", "name": "stderr", "text": [
                    "\n[output truncated: %d rich outputs omitted, over the %d-byte limit]\n"
                    % (self.rich_omitted, self.result_cap)]})
            for out in self.outputs:
                if out["output_type"] == "stream" and isinstance(out["text"], list):
                    out["text"] = "".join(out["text"])
            truncated = bool(self.omitted["stdout"] or self.omitted["stderr"] or self.rich_omitted)
            return self.outputs, truncated


def cut_utf8(text, max_bytes):
    """The longest prefix of text whose UTF-8 encoding fits in max_bytes."""
    if max_bytes <= 0:
        return ""
    if text.isascii():
        return text[:max_bytes]
    return text.encode("utf-8", "surrogatepass")[:max_bytes].decode("utf-8", "ignore")


class CaptureWriter(io.TextIOBase):
    """sys.stdout / sys.stderr during a run: text goes into the capture, capped.

    Writes are batched (print() makes two write calls per line, and a tight print loop
    should cost about what it costs in plain Python); the peer stream is flushed first so
    stdout and stderr keep their relative order."""

    BATCH = 8192

    def __init__(self, kernel, name, fd):
        self._kernel = kernel
        self._name = name
        self._fd = fd
        self._buf = []
        self._buflen = 0
        self.peer = None

    @property
    def encoding(self):
        return "utf-8"

    @property
    def errors(self):
        return "replace"

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        # Libraries that write to the fd (faulthandler, subprocess) reach the drain pipe.
        return self._fd

    def write(self, s):
        if type(s) is not str:
            if not isinstance(s, str):
                raise TypeError("write() argument must be str, not %s" % type(s).__name__)
            s = str(s)
        if self.peer._buflen:
            self.peer.flush()
        self._buf.append(s)
        self._buflen += len(s)
        if self._buflen >= self.BATCH:
            self.flush()
        return len(s)

    def flush(self):
        if not self._buflen:
            return
        text = "".join(self._buf)
        self._buf = []
        self._buflen = 0
        if self._kernel.forked:
            # In a child forked by user code the capture is a dead copy; the fd reaches
            # the parent's drain thread instead.
            os.write(self._fd, text.encode("utf-8", "replace"))
            return
        capture = self._kernel.capture
        if capture is not None:
            capture.stream(self._name, text)


class FdDrain:
    """Copies what is written to fd 1 or 2 (by os.write, C code or child processes) into the
    current capture. A thread drains the pipe so a writer never blocks on a full pipe. Reads
    happen only under a lock, so sync() can take the lock and read whatever is still in the
    pipe itself: output written before sync() is attributed to the right run, in order, at
    the cost of one non-blocking read when there is nothing to collect."""

    def __init__(self, kernel, name, fd):
        import codecs
        self.kernel = kernel
        self.name = name
        self.fd = fd
        self.read_end, self.write_end = os.pipe()
        os.set_inheritable(self.write_end, False)
        os.set_blocking(self.read_end, False)
        self.lock = threading.Lock()
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.reconnect()
        threading.Thread(target=self._drain, name="drain-" + name, daemon=True).start()

    def reconnect(self):
        """Points fd 1/2 back at the pipe, in case user code closed or replaced it."""
        os.dup2(self.write_end, self.fd, inheritable=True)

    def _drain(self):
        import select
        poller = select.poll()
        poller.register(self.read_end, select.POLLIN)
        while True:
            try:
                poller.poll()
            except InterruptedError:
                continue
            with self.lock:
                self._read_available()

    def _read_available(self):
        """Reads until the pipe is empty; the caller holds the lock."""
        while True:
            try:
                chunk = os.read(self.read_end, 65536)
            except (BlockingIOError, InterruptedError):
                return
            if not chunk:
                return
            text = self.decoder.decode(chunk)
            if not text:
                continue
            capture = self.kernel.capture
            if capture is not None:
                capture.stream(self.name, text)
            else:
                # Written between runs (warm-up warnings, background processes): no cell owns
                # it, so it goes to the kernel's own stderr, kept by the server for diagnostics.
                self.kernel.diagnostic(text)

    def sync(self):
        with self.lock:
            self._read_available()


# --------------------------------------------------------------------------------------
# Rich display
# --------------------------------------------------------------------------------------

PLOTLY_MIME = "application/vnd.plotly.v1+json"
TABLE_MIME = "application/vnd.dataresource+json"


class Displayer:
    """Turns Python objects into nbformat MIME bundles, the way Jupyter would show them."""

    def __init__(self, table_rows):
        self.table_rows = table_rows

    def bundle(self, obj):
        """(data, metadata) for obj, or None when nothing should be shown."""
        if obj is None:
            return None
        kind = type(obj)
        module = kind.__module__ or ""
        if module.startswith("plotly") and hasattr(obj, "to_plotly_json"):
            return self.plotly_bundle(obj), {}
        if module.startswith("pandas") and kind.__name__ in ("DataFrame", "Series"):
            return self.table_bundle(obj), {}
        if module.startswith("matplotlib") or (isinstance(obj, (list, tuple)) and obj and all(
                (type(o).__module__ or "").startswith("matplotlib") for o in obj)):
            return self.matplotlib_bundle(obj)
        return self.generic_bundle(obj), {}

    def plotly_bundle(self, fig):
        import plotly.io as pio
        figure = json.loads(pio.to_json(fig, validate=False))
        title = ""
        try:
            title = fig.layout.title.text or ""
        except Exception:
            pass
        return {PLOTLY_MIME: figure, "text/plain": "Figure(%s)" % (repr(title) if title else "")}

    def table_bundle(self, table):
        data = {"text/plain": repr(table)}
        frame = table.to_frame() if type(table).__name__ == "Series" else table
        try:
            data["text/html"] = frame._repr_html_()
        except Exception:
            pass
        try:
            head = frame.head(self.table_rows)
            resource_json = json.loads(head.to_json(orient="table", date_format="iso", default_handler=str))
            resource_json["total_rows"] = int(len(frame))
            resource_json["truncated"] = bool(len(frame) > self.table_rows)
            data[TABLE_MIME] = resource_json
        except Exception:
            # to_json(orient="table") refuses some frames (duplicate or MultiIndex columns);
            # text/plain and text/html still show them.
            pass
        return data

    def matplotlib_bundle(self, obj):
        from matplotlib.figure import Figure
        if isinstance(obj, Figure):
            return {"image/png": figure_png(obj), "text/plain": repr(obj)}, {}
        # Axes and other artists returned by plotting calls: the figure itself is shown at
        # the end of the run, so repeating "<AxesSubplot:>" as a result adds nothing.
        from matplotlib.artist import Artist
        if isinstance(obj, Artist) or (isinstance(obj, (list, tuple)) and obj
                                       and all(isinstance(o, Artist) for o in obj)):
            return None
        return self.generic_bundle(obj), {}

    def generic_bundle(self, obj):
        data = {}
        mimebundle = getattr(obj, "_repr_mimebundle_", None)
        if callable(mimebundle) and not isinstance(obj, type):
            try:
                got = mimebundle()
                if isinstance(got, tuple):
                    got = got[0]
                if isinstance(got, dict):
                    data.update(got)
            except Exception:
                pass
        for method, mime in (("_repr_html_", "text/html"), ("_repr_markdown_", "text/markdown"),
                             ("_repr_svg_", "image/svg+xml"), ("_repr_png_", "image/png"),
                             ("_repr_json_", "application/json"), ("_repr_latex_", "text/latex")):
            if mime in data or isinstance(obj, type):
                continue
            fn = getattr(obj, method, None)
            if callable(fn):
                try:
                    value = fn()
                except Exception:
                    value = None
                if value is not None:
                    if isinstance(value, bytes):
                        value = base64.b64encode(value).decode("ascii")
                    data[mime] = value
        data["text/plain"] = safe_repr(obj)
        return data


def safe_repr(obj, limit=1 << 20):
    try:
        text = repr(obj)
    except Exception as e:
        text = "<unrepresentable %s: %s>" % (type(obj).__name__, e)
    if len(text) > limit:
        text = text[:limit] + "... [%d characters omitted]" % (len(text) - limit)
    return text


def figure_png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", facecolor="white")
    return base64.b64encode(buf.getvalue()).decode("ascii")


# --------------------------------------------------------------------------------------
# The kernel
# --------------------------------------------------------------------------------------

class Kernel:

    def __init__(self, args, proto_in, proto_out, diag_fd):
        self.args = args
        self.diag_fd = diag_fd
        self.proto_in = proto_in
        self.proto_out = proto_out
        self.capture = None
        self.execution_count = 0
        self.displayer = Displayer(args.table_rows)
        self.in_user_code = False
        self.namespace = None
        self.stdout_drain = FdDrain(self, "stdout", 1)
        self.stderr_drain = FdDrain(self, "stderr", 2)
        self.stdout = CaptureWriter(self, "stdout", 1)
        self.stderr = CaptureWriter(self, "stderr", 2)
        self.stdout.peer = self.stderr
        self.stderr.peer = self.stdout
        self.forked = False
        os.register_at_fork(after_in_child=self.after_fork_in_child)
        self.original_print = builtins.print
        self.null_stdin = open(os.devnull, "r")

    def diagnostic(self, text):
        try:
            os.write(self.diag_fd, text.encode("utf-8", "replace"))
        except OSError:
            pass

    def after_fork_in_child(self):
        self.forked = True
        # Whatever the parent had buffered belongs to the parent.
        for writer in (self.stdout, self.stderr):
            writer._buf = []
            writer._buflen = 0

    def exit_forked_child(self, status):
        try:
            self.stdout.flush()
            self.stderr.flush()
        finally:
            os._exit(status)

    # ---- namespace -------------------------------------------------------------------

    def fresh_namespace(self):
        module = types.ModuleType("__main__")
        module.__dict__["__builtins__"] = builtins
        module.__dict__["display"] = self.display
        # Agent code written for the original assumes these names are already bound.
        for name, stmt in (("pd", "import pandas as pd"), ("np", "import numpy as np"),
                           ("px", "import plotly.express as px"), ("go", "import plotly.graph_objects as go"),
                           ("plotly", "import plotly"), ("plt", "import matplotlib.pyplot as plt"),
                           ("sns", "import seaborn as sns")):
            try:
                exec(stmt, module.__dict__)
            except Exception:
                pass
        sys.modules["__main__"] = module
        self.namespace = module.__dict__

    # ---- display hooks ---------------------------------------------------------------

    def display(self, *objs, **_ignored):
        """display(obj, ...) as in IPython: each object becomes a display_data output."""
        for obj in objs:
            self.add_rich("display_data", obj)

    def add_rich(self, output_type, obj):
        if self.capture is None:
            return
        try:
            got = self.displayer.bundle(obj)
        except MemoryError:
            raise
        except Exception as e:
            got = ({"text/plain": "<could not display %s: %s>" % (type(obj).__name__, e)}, {})
        if got is None:
            return
        data, metadata = got
        self.sync_streams()
        output = {"output_type": output_type, "data": data, "metadata": metadata}
        if output_type == "execute_result":
            output["execution_count"] = self.execution_count
        size = len(json.dumps(data, default=str))
        self.capture.rich(output, size)

    def flush_figures(self, *_args, **_kwargs):
        """plt.show() and the end of every run: open matplotlib figures become PNGs, then close."""
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is None or self.capture is None:
            return
        for num in list(plt.get_fignums()):
            fig = plt.figure(num)
            try:
                self.sync_streams()
                data = {"image/png": figure_png(fig), "text/plain": repr(fig)}
                self.capture.rich({"output_type": "display_data", "data": data, "metadata": {}},
                                  len(data["image/png"]))
            except MemoryError:
                raise
            except Exception as e:
                self.capture.stream("stderr", "could not render figure %s: %s\n" % (num, e))
            finally:
                plt.close(fig)

    def sync_streams(self):
        for stream in (self.stdout, self.stderr, sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        self.stdout_drain.sync()
        self.stderr_drain.sync()

    def install_display_patches(self):
        """Figures must come back as data, never open a browser or a window."""
        kernel = self
        try:
            import plotly.io as pio
            import plotly.basedatatypes as basedatatypes

            def show_plotly(fig, *args, **kwargs):
                kernel.display(fig)

            basedatatypes.BaseFigure.show = lambda self, *a, **k: kernel.display(self)
            pio.show = show_plotly
            try:
                import plotly.io._renderers as renderers
                renderers.show = show_plotly
            except Exception:
                pass
            pio.renderers.default = "json"
        except ImportError:
            pass
        try:
            import matplotlib
            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
            import matplotlib.figure as mfigure
            def show_matplotlib(*args, **kwargs):
                kernel.flush_figures()

            # A plain function, not a bound method: pyplot.switch_backend sets show.__signature__.
            plt.show = show_matplotlib
            mfigure.Figure.show = lambda self, *a, **k: kernel.display(self)
        except ImportError:
            pass

    # ---- limits ------------------------------------------------------------------------

    def cpu_used(self):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def arm_cpu_limit(self):
        if self.args.cpu_per_run <= 0:
            return
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        want = int(self.cpu_used()) + 1 + self.args.cpu_per_run
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (want, hard))

    def disarm_cpu_limit(self):
        if self.args.cpu_per_run <= 0:
            return
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))

    def on_sigxcpu(self, signum, frame):
        if self.in_user_code:
            raise CpuTimeExceeded("this run used more than %d s of CPU time" % self.args.cpu_per_run)

    # ---- running code ------------------------------------------------------------------

    def run(self, code, silent=False, print_tables=False):
        if not silent:
            self.execution_count += 1
        filename = "<cell-%d>" % self.execution_count if not silent else "<setup>"
        self.capture = RunCapture(self.args.output_cap, self.args.result_cap)
        self.restore_std_streams()
        started = time.perf_counter()
        status = "ok"
        if print_tables:
            builtins.print = self.table_print
        try:
            linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
            self.arm_cpu_limit()
            try:
                self.execute(code, filename)
            finally:
                self.in_user_code = False
                self.disarm_cpu_limit()
                if os.getpid() != KERNEL_PID:
                    # A child forked by user code finished the cell: it must never go back
                    # to the protocol loop and answer requests meant for the kernel.
                    self.exit_forked_child(0)
            self.flush_figures()
        except BaseException as e:
            if os.getpid() != KERNEL_PID:
                self.exit_forked_child(1)
            status = "error"
            self.record_error(e)
            try:
                self.flush_figures()
            except BaseException:
                pass
        finally:
            builtins.print = self.original_print
        try:
            self.sync_streams()
        except BaseException:
            pass
        outputs, truncated = self.capture.finish()
        self.capture = None
        self.restore_std_streams()
        return {"status": status, "execution_count": self.execution_count, "outputs": outputs,
                "truncated": truncated, "elapsed_ms": round((time.perf_counter() - started) * 1000, 3)}

    def execute(self, code, filename):
        tree = ast.parse(code, filename=filename, mode="exec")
        trailing = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            trailing = tree.body.pop()
        body = compile(tree, filename, "exec")
        expr = compile(ast.Expression(trailing.value), filename, "eval") if trailing is not None else None
        self.in_user_code = True
        exec(body, self.namespace)
        if expr is not None:
            value = eval(expr, self.namespace)
            self.in_user_code = False
            if value is not None:
                self.namespace["_"] = value
                self.add_rich("execute_result", value)

    def table_print(self, *args, **kwargs):
        """print() for scripts written for the original executor, which showed a printed
        DataFrame as a table: one DataFrame/Series argument becomes a display_data."""
        if len(args) == 1 and not kwargs:
            kind = type(args[0])
            if (kind.__module__ or "").startswith("pandas") and kind.__name__ in ("DataFrame", "Series"):
                self.display(args[0])
                return
        self.original_print(*args, **kwargs)

    def restore_std_streams(self):
        """User code may replace sys.stdout or close fds 1/2; every run starts clean."""
        self.stdout_drain.reconnect()
        self.stderr_drain.reconnect()
        sys.stdout = self.stdout
        sys.stderr = self.stderr
        if self.null_stdin.closed:
            self.null_stdin = open(os.devnull, "r")
        sys.stdin = self.null_stdin

    def record_error(self, exc):
        self.in_user_code = False
        if isinstance(exc, SyntaxError) and exc.filename and exc.filename.startswith("<"):
            lines = list(traceback.format_exception_only(type(exc), exc))
        else:
            report = traceback.TracebackException(type(exc), exc, exc.__traceback__)
            drop_kernel_frames(report, set())
            lines = list(report.format())
        self.sync_streams()
        output = {"output_type": "error", "ename": type(exc).__name__,
                  "evalue": safe_repr_str(exc), "traceback": [l.rstrip("\n") for l in lines]}
        self.capture.rich(output, 0)
        if isinstance(exc, MemoryError):
            import gc
            gc.collect()

    # ---- protocol ----------------------------------------------------------------------

    def send(self, message):
        self.proto_out.write(encode_message(message) + b"\n")
        self.proto_out.flush()

    def serve(self):
        while True:
            raw = self.proto_in.readline()
            if not raw:
                return
            try:
                request = json.loads(raw)
            except ValueError as e:
                self.send({"id": None, "ok": False, "error": "bad request: %s" % e})
                continue
            self.send(self.answer(request))
            if request.get("op") == "shutdown":
                return

    def answer(self, request):
        """The response to one request, whatever carried it (the JSON-lines channel or a Jupyter kernel)."""
        rid = request.get("id")
        op = request.get("op")
        if op == "run":
            result = self.run(request.get("code", ""), bool(request.get("silent")),
                              bool(request.get("print_tables")))
            result.update({"id": rid, "ok": True})
            return result
        if op == "ping":
            return {"id": rid, "ok": True, "op": "pong", "rss_bytes": rss_bytes(),
                    "cpu_seconds": round(self.cpu_used(), 3), "execution_count": self.execution_count}
        if op == "reset":
            self.fresh_namespace()
            self.execution_count = 0
            return {"id": rid, "ok": True}
        if op == "shutdown":
            return {"id": rid, "ok": True}
        return {"id": rid, "ok": False, "error": "unknown op %r" % (op,)}

    def start_up(self, args):
        """Display patches, warm-up and a fresh namespace: what the kernel does before its first
        request, wherever it runs. Returns the "ready" message."""
        self.install_display_patches()
        started = time.perf_counter()
        warmup_error = None
        if not args.no_warmup:
            try:
                warm_up(self)
            except Exception as e:
                warmup_error = "%s: %s" % (type(e).__name__, e)
        self.install_display_patches()  # again: the warm-up imported the real modules
        if args.network_guard:
            install_network_guard()
        self.fresh_namespace()
        self.restore_std_streams()
        self.sync_streams()  # warm-up output goes to diagnostics, not into the first run
        return {"id": None, "ok": True, "op": "ready", "pid": os.getpid(),
                "python": sys.version.split()[0], "warmup_ms": round((time.perf_counter() - started) * 1000, 1),
                "warmup_error": warmup_error, "network_guard": bool(args.network_guard)}


def encode_message(message):
    """One protocol message as UTF-8 JSON (NaN written as a bare token, as the server reads it)."""
    try:
        line = json.dumps(message, ensure_ascii=False, default=str)
    except ValueError:
        line = json.dumps(scrub_nan(message), ensure_ascii=False, default=str)
    return line.encode("utf-8", "surrogatepass")


def drop_kernel_frames(report, seen):
    """Removes the kernel's own frames (the exec call, print/display hooks) from a traceback
    and its causes, so that frames and line numbers refer to the user's code only."""
    if report is None or id(report) in seen:
        return
    seen.add(id(report))
    kept = [frame for frame in report.stack if os.path.abspath(frame.filename) != KERNEL_FILE]
    report.stack = traceback.StackSummary.from_list(kept)
    drop_kernel_frames(report.__cause__, seen)
    drop_kernel_frames(report.__context__, seen)


def safe_repr_str(exc):
    try:
        return str(exc)
    except Exception:
        return "<unprintable %s>" % type(exc).__name__


def scrub_nan(value):
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {k: scrub_nan(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_nan(v) for v in value]
    return value


def rss_bytes():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def apply_limits(args):
    """rlimits are inherited by every child, so they bound whatever user code starts."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for limit, value in ((resource.RLIMIT_AS, args.address_space), (resource.RLIMIT_NPROC, args.max_processes),
                         (resource.RLIMIT_FSIZE, args.max_file_size), (resource.RLIMIT_NOFILE, args.max_open_files),
                         (resource.RLIMIT_CPU, args.cpu_total)):
        if value > 0:
            resource.setrlimit(limit, (value, value))
    # Over-size writes should fail with an OSError in user code, not kill the kernel.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def install_network_guard():
    """Without a network namespace, refuse internet sockets at the Python level.
    A weaker guard than --unshare-net: native code (ctypes) can still open sockets."""
    import socket
    import _socket

    allowed = {getattr(socket, "AF_UNIX", None)}

    class GuardedSocket(socket.socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and (family == -1 or family not in allowed):
                raise PermissionError("network access is disabled in this kernel")
            super().__init__(family, type, proto, fileno)

    def refuse(*_args, **_kwargs):
        raise PermissionError("network access is disabled in this kernel")

    socket.socket = GuardedSocket
    socket.SocketType = GuardedSocket
    socket.create_connection = refuse
    socket.create_server = refuse
    socket.getaddrinfo = refuse
    socket.gethostbyname = refuse
    socket.gethostbyname_ex = refuse
    _socket.socket = GuardedSocket
    _socket.getaddrinfo = refuse
    _socket.gethostbyname = refuse


def warm_up(kernel):
    """Import the analysis stack and render one figure of each kind, so that the first
    real run does not pay for lazy imports and first-render setup (300-400 ms)."""
    import pandas as pd
    import numpy as np
    # plotly 5.4 (px.imshow, the usual correlation heatmap) still uses np.bool, which numpy 1.24
    # removed; the alias means what it always meant.
    if not hasattr(np, "bool"):
        np.bool = bool
    import plotly.express as px
    import plotly.io as pio
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import seaborn  # noqa: F401  (imported by many agent scripts)
    frame = pd.DataFrame({"x": np.arange(20), "y": np.arange(20) % 7, "g": list("ab") * 10})
    pio.to_json(px.histogram(frame, x="y", color="g"), validate=False)
    frame.groupby("g").mean(numeric_only=True).to_string()
    frame.head()._repr_html_()
    frame.to_json(orient="table")
    fig = plt.figure()
    plt.plot(frame["x"], frame["y"])
    figure_png(fig)
    plt.close(fig)


def main(argv):
    args = parse_args(argv)
    # The protocol gets private copies of fds 0 and 1; user code sees /dev/null and pipes.
    proto_in = os.fdopen(os.dup(0), "rb")
    proto_out = os.fdopen(os.dup(1), "wb")
    diag_fd = os.dup(2)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    sys.stdin = open(os.devnull, "r")
    apply_limits(args)
    kernel = Kernel(args, proto_in, proto_out, diag_fd)
    signal.signal(signal.SIGXCPU, kernel.on_sigxcpu)
    kernel.send(kernel.start_up(args))
    kernel.serve()


# --------------------------------------------------------------------------------------
# Inside a Jupyter kernel
# --------------------------------------------------------------------------------------

REPLY_MIME = "application/x-autoanalyst-reply"


class JupyterHost:
    """This kernel inside an ipykernel process, for the server's Jupyter backend
    (io.autoanalyst.runtime.JupyterKernel). The server loads this file into the Jupyter kernel
    and calls host_in_jupyter(); each request then arrives as a cell calling answer() with
    the request line (base64) and its response goes back as one display_data whose only MIME
    type is REPLY_MIME, holding the line the JSON-lines channel would carry. The session's
    code runs in the same Kernel as locally (its namespace, capture, caps, display hooks,
    tracebacks), so a run has the same outputs on both backends; IPython only carries them.
    The rlimits, the CPU-time limit and the network guard are not applied: isolation and
    resources are the Jupyter service's job there."""

    def __init__(self, kernel):
        self.kernel = kernel

    def answer(self, request_base64):
        request = json.loads(base64.b64decode(request_base64).decode("utf-8"))
        self.publish(self.kernel.answer(request))

    def publish(self, message):
        from IPython.display import publish_display_data
        publish_display_data({REPLY_MIME: encode_message(message).decode("utf-8", "surrogatepass")})


def host_in_jupyter(argv, working_directory):
    """Starts the kernel inside the current (ipykernel) process, with working_directory as its
    current directory; publishes the "ready" message and returns the host that answers requests."""
    args = parse_args(argv)
    os.chdir(working_directory)
    # Output written between runs goes where the Jupyter kernel's own stderr goes.
    kernel = Kernel(args, None, None, os.dup(2))
    host = JupyterHost(kernel)
    host.publish(kernel.start_up(args))
    return host


if __name__ == "__main__":
    main(sys.argv[1:])
