# Loopback feeds for the benchmarks and the soak (Benchmarks/bench_crawl.sh, bench_cluster.sh, scripts/soak.sh):
# nginx serving the folder written by Benchmarks/bench_crawl_gen.py, pre-compressed (gzip_static), on the
# loopback addresses 127.0.1.1…127.0.1.HOSTS, with its configuration, pid, logs and temp paths in the caller's
# temporary folder and its workers running as the current user. Sourced; defines NGINX and functions only.

NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# feeds_nginx_usable: whether $NGINX exists and was built with gzip_static (says which it lacks on stderr).
feeds_nginx_usable() {
    [ -x "$NGINX" ] || { echo "no nginx at $NGINX" >&2; return 1; }
    "$NGINX" -V 2>&1 | grep -q -- --with-http_gzip_static_module || { echo "$NGINX lacks gzip_static" >&2; return 1; }
}

# feeds_free_port: prints a TCP port free on 127.0.1.1.
feeds_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.1.1", 0)); print(s.getsockname()[1])'
}

# feeds_nginx_start WORK HOSTS PORT: serves WORK/data/www on 127.0.1.1–127.0.1.HOSTS port PORT; returns once the
# first URL of WORK/data/urls.txt answers (within 5 s), 1 when it never does.
feeds_nginx_start() {
    local work=$1 hosts=$2 port=$3 index temp
    mkdir -p "$work/nginx/temp"
    {
        echo "worker_processes 1;"
        [ "$(id -u)" = 0 ] && echo "user $(id -un) $(id -gn);"
        echo "pid $work/nginx/nginx.pid;"
        echo "error_log $work/nginx/error.log warn;"
        echo "events { worker_connections 4096; }"
        echo "http {"
        echo "  access_log off;"
        for temp in client_body proxy fastcgi uwsgi scgi; do echo "  ${temp}_temp_path $work/nginx/temp/$temp;"; done
        echo "  types { application/xml xml; }"
        echo "  sendfile on;"
        echo "  keepalive_requests 100000;"
        echo "  gzip_static on;"
        echo "  server {"
        for index in $(seq 1 "$hosts"); do echo "    listen 127.0.1.$index:$port;"; done
        echo "    root $work/data/www;"
        echo "  }"
        echo "}"
    } >"$work/nginx/nginx.conf"
    "$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log"
    local first_url
    first_url=$(head -1 "$work/data/urls.txt")
    for _ in $(seq 50); do curl -sf -o /dev/null "$first_url" && return 0; sleep 0.1; done
    echo "nginx does not answer $first_url:" >&2
    tail -5 "$work/nginx/error.log" >&2
    return 1
}

# feeds_nginx_stop WORK: stops the nginx started in WORK, if any, and waits (at most 5 s) for its pid file to go.
feeds_nginx_stop() {
    local work=$1
    [ -f "$work/nginx/nginx.pid" ] || return 0
    kill -QUIT "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do [ -f "$work/nginx/nginx.pid" ] || break; sleep 0.1; done
}
