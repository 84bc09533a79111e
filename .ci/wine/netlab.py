#!/usr/bin/env python3
"""A proxy and a PAC script server on 127.0.0.1, for the Windows network checks under wine.

    python3 .ci/wine/netlab.py DIR

writes DIR/ports (`proxy PORT`, `pac PORT`, `pac_proxy PORT`) once listening, and logs every
request line the two proxies see to DIR/proxy.log and DIR/pac_proxy.log (`CONNECT zoom.us:443`).
The proxies answer 502 after logging: the checks are about which route the .exe takes, and
nothing leaves this machine. The PAC script sends zoom.us and its subdomains to `pac_proxy`,
everything else DIRECT. Runs until killed.
"""
import socket
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

out = sys.argv[1]


def proxy(log_name):
    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            line = self.rfile.readline(8192).decode("latin-1").strip()
            while self.rfile.readline(8192).strip():
                pass
            with open(f"{out}/{log_name}", "a", encoding="utf-8") as log:
                log.write(line.rsplit(" HTTP/", 1)[0] + "\n")
            self.wfile.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


proxy_port = proxy("proxy.log")
pac_proxy_port = proxy("pac_proxy.log")
PAC = f"""function FindProxyForURL(url, host) {{
  if (dnsDomainIs(host, "zoom.us") || host == "zoom.us") return "PROXY 127.0.0.1:{pac_proxy_port}";
  return "DIRECT";
}}
""".encode()


class Pac(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ns-proxy-autoconfig")
        self.send_header("Content-Length", str(len(PAC)))
        self.end_headers()
        self.wfile.write(PAC)

    def log_message(self, *args):
        pass


pac = HTTPServer(("127.0.0.1", 0), Pac)
with open(f"{out}/ports", "w", encoding="utf-8") as ports:
    ports.write(f"proxy {proxy_port}\npac {pac.server_address[1]}\npac_proxy {pac_proxy_port}\n")
pac.serve_forever()
