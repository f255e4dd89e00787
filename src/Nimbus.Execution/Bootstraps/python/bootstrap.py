# Nimbus's Python runtime: the Lambda Runtime API loop, handler loading, the context object, AWS's logging format
# and error serialization (modelled on awslambdaric, the AWS Lambda Python runtime interface client).
import importlib
import json
import logging
import os
import socket
import sys
import time
import traceback


def _become_function():
    """A stem cell (NIMBUS_STEM_CELL) is started before any function was chosen: it blocks here until Nimbus writes
    the function's complete environment to stdin as one JSON line, then becomes that function as a fresh process
    would have started. The interpreter and the imports above are what it saved."""
    os.write(1, b"\0nimbus:ready\n")  # booted: Nimbus prefers cells that said so (and strips this line)
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(0, 65536)
        if not chunk:
            os._exit(0)  # discarded before use: nothing to become
        data += chunk
    env = json.loads(data)
    os.environ.clear()
    os.environ.update(env)
    os.chdir(env["LAMBDA_TASK_ROOT"])
    time.tzset()


if os.environ.get("NIMBUS_STEM_CELL"):
    _become_function()

_api_host, _api_port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
_task_root = os.environ["LAMBDA_TASK_ROOT"]
_handler_spec = os.environ.get("_HANDLER", "")
_PREFIX = "/2018-06-01/runtime"
_current_request_id = ""


class _RuntimeClient:
    """A minimal HTTP/1.1 client on one keep-alive socket: http.client parses headers with the email package,
    which costs more than the whole Runtime API round trip."""

    def __init__(self, host, port, socket_path=None):
        self._address = (host, int(port))
        # In a network-isolated sandbox the Runtime API's Unix socket is mounted in: one hop less than its TCP bridge.
        self._socket_path = socket_path
        self._sock = None
        self._buf = bytearray()
        self._next = self.format("GET", "/invocation/next")

    def format(self, method, path, body=None, headers=None):
        head = "%s %s%s HTTP/1.1\r\nHost: %s:%d\r\n" % (method, _PREFIX, path, self._address[0], self._address[1])
        if headers:
            head += "".join("%s: %s\r\n" % item for item in headers.items())
        if body is not None:
            head += "Content-Length: %d\r\n" % len(body)
        return (head + "\r\n").encode("latin-1") + (body or b"")

    def next_invocation(self, answer):
        """Sends the previous invocation's answer and the next GET in one write (HTTP/1.1 pipelining): the Runtime API
        then sends the 202 and the next event together, so this process wakes once per invocation."""
        if answer is None:
            return self.send(self._next, 1)
        return self.send(answer + self._next, 2)

    def send(self, data, count):
        """Writes one or more requests at once and returns the last answer (answers come in request order)."""
        for attempt in (0, 1):
            if self._sock is None:
                if self._socket_path:
                    self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    self._sock.connect(self._socket_path)
                else:
                    self._sock = socket.create_connection(self._address)
                    self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._buf = bytearray()
            try:
                self._sock.sendall(data)
                for _ in range(count - 1):
                    self._read_response()
                return self._read_response()
            except OSError:
                self._sock.close()
                self._sock = None
                if attempt:
                    raise

    def _read_response(self):
        while True:
            end = self._buf.find(b"\r\n\r\n")
            if end >= 0:
                break
            self._receive(65536)
        lines = self._buf[:end].decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        total = end + 4 + int(headers.get("content-length", "0"))
        while len(self._buf) < total:
            self._receive(max(65536, total - len(self._buf)))
        body = bytes(self._buf[end + 4:total])
        del self._buf[:total]
        if status == 100:
            return self._read_response()
        return status, headers, body

    def _receive(self, size):
        chunk = self._sock.recv(size)
        if not chunk:
            raise ConnectionResetError("Runtime API connection closed")
        self._buf += chunk


_client = _RuntimeClient(_api_host, _api_port, os.environ.get("NIMBUS_RUNTIME_API_SOCKET"))


class _LambdaLogFormatter(logging.Formatter):
    # [LEVEL]\t2026-11-27T00:00:00.000Z\t<request id>\tmessage, newlines as \r so a record stays one event.
    def __init__(self):
        super().__init__(datefmt="%Y-%m-%dT%H:%M:%S")
        self.converter = time.gmtime

    def format(self, record):
        record.aws_request_id = _current_request_id
        text = "[%s]\t%s.%03dZ\t%s\t%s" % (
            record.levelname, self.formatTime(record, self.datefmt), record.msecs, _current_request_id, record.getMessage())
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text.replace("\n", "\r")


def _configure_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(_LambdaLogFormatter())
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_arn, client_context, identity):
        self.aws_request_id = request_id
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_arn
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.client_context = client_context
        self.identity = identity
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)


def _error_document(error_type, message, request_id, stack):
    return {"errorMessage": message, "errorType": error_type, "requestId": request_id, "stackTrace": stack}


def _user_error(exc, request_id):
    tb = traceback.extract_tb(exc.__traceback__)
    # Drop the runtime's own frames, as AWS's runtime does.
    tb = [frame for frame in tb if not frame.filename.startswith(os.path.dirname(__file__))]
    return _error_document(type(exc).__name__, str(exc), request_id, traceback.format_list(tb))


def _log_error(doc, exc=None):
    lines = ["[ERROR] %s: %s" % (doc["errorType"], doc["errorMessage"])]
    if exc is not None:
        lines.append("Traceback (most recent call last):")
        lines.extend(line.rstrip("\n") for line in doc["stackTrace"])
    sys.stdout.write("\r".join(lines).replace("\n", "\r") + "\n")


def _flush():
    # print() goes out raw but buffered: everything printed must reach the pipe before the answer.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass


def _error_request(path, doc):
    _flush()
    body = json.dumps(doc).encode()
    return _client.format("POST", path, body, {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": doc["errorType"]})


def _post_error(path, doc):
    _client.send(_error_request(path, doc), 1)


def _load_handler():
    try:
        module_path, function_name = _handler_spec.rsplit(".", 1)
    except ValueError:
        return None, _error_document("Runtime.MalformedHandlerName", "Bad handler '%s': not enough values to unpack (expected 2, got 1)" % _handler_spec, "", [])
    module_name = module_path.replace("/", ".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return None, _error_document("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_path, exc), "", [])
    except SyntaxError as exc:
        return None, _error_document(
            "Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_path, exc), "",
            traceback.format_list(traceback.extract_tb(exc.__traceback__)[1:]) + ["  File \"%s\" Line %s\n" % (exc.filename, exc.lineno)])
    except Exception as exc:
        return None, _user_error(exc, "")
    handler = getattr(module, function_name, None)
    if handler is None:
        return None, _error_document("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_path), "", [])
    return handler, None


def main():
    global _current_request_id
    sys.path.insert(0, _task_root)
    sys.path.insert(1, "/opt/python")
    _configure_logging()
    handler, init_error = _load_handler()
    if init_error is not None:
        _log_error(init_error)
        _post_error("/init/error", init_error)
        sys.exit(1)
    answer = None
    while True:
        _, headers, body = _client.next_invocation(answer)
        request_id = headers["lambda-runtime-aws-request-id"]
        _current_request_id = request_id
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        client_context = headers.get("lambda-runtime-client-context")
        identity = headers.get("lambda-runtime-cognito-identity")
        context = LambdaContext(
            request_id, int(headers["lambda-runtime-deadline-ms"]),
            headers.get("lambda-runtime-invoked-function-arn"),
            json.loads(client_context) if client_context else None,
            json.loads(identity) if identity else None)
        try:
            try:
                event = json.loads(body) if body else None
            except ValueError as exc:
                raise _UnmarshalError("Unable to unmarshal input: %s" % exc) from None
            result = handler(event, context)
            payload = json.dumps(result).encode()
        except _UnmarshalError as exc:
            doc = _error_document("Runtime.UnmarshalError", str(exc), request_id, [])
            _log_error(doc)
            answer = _error_request("/invocation/%s/error" % request_id, doc)
            continue
        except Exception as exc:
            doc = _user_error(exc, request_id)
            _log_error(doc, exc)
            answer = _error_request("/invocation/%s/error" % request_id, doc)
            continue
        _flush()
        answer = _client.format("POST", "/invocation/%s/response" % request_id, payload, {"Content-Type": "application/json"})


class _UnmarshalError(Exception):
    pass


if __name__ == "__main__":
    main()
