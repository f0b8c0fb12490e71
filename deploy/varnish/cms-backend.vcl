# The application server behind the proxy (deploy/varnish/cms.vcl includes this file): one
# (granian, deploy/app-server.sh) on this machine. With several, declare one backend each with a
# health probe and a round-robin director (docs/scaling.md).
backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}
