# tests/e2e/nginx-lib.sh - nginx with the demo's bundled configuration, for
# tests/e2e/nginx-*.test.  Sourced after tests/lib/init.sh.
#
#   nginx_need          skip unless nginx is installed (CI installs it)
#   nginx_port          print a port on 127.0.0.1 nothing answers on,
#                       below the kernel's ephemeral ports
#   nginx_conf DIR PORT [ROOT]
#                       write DIR/nginx.conf from assets/demo/nginx.conf,
#                       as sctui --demo does, with a copy of the demo site
#                       in DIR/site.  ROOT (default DIR) is the folder as
#                       nginx will see it (another path in a container).
#                       NGINX_ERRLOG overrides the error log's path.
#   nginx_args DIR [ROOT]
#                       print nginx's arguments for that folder
#   nginx_ready DIR PORT wait (bounded) until DIR/nginx.pid exists and the
#                       port answers
#   nginx_traffic PORT N send N requests with curl, in a bounded loop of
#                       connections of 10 requests each (keep-alive; 8 pages
#                       and 2 that do not exist, the last with Connection:
#                       close); prints "OK NOTFOUND OTHER" counts
#   nginx_quit DIR SECS  SIGQUIT to the master (from DIR/nginx.pid, a host
#                       pid, never <= 1) and wait up to SECS for it to go
#   nginx_kill DIR      SIGKILL to the master in DIR/nginx.pid and to its
#                       children; for cleanup_add
#
# Each nginx is ended by the test: register nginx_kill with cleanup_add.

nginx_need() {
	NGINX=$(command -v nginx) || skip "nginx not found: apt-get install nginx-light"
	command -v curl >/dev/null || skip "curl not found: apt-get install curl"
}

# From 20000 up to the kernel's ephemeral ports: a port among those could
# be taken, between this probe and nginx's bind, by any test's outgoing
# connection (curl, wrk, the demo's client), and nginx would fail with
# "Address already in use".
nginx_port() {
	local p i=0 lo span
	read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null ||
	    lo=32768
	span=$((lo - 20000))
	[ "$span" -ge 2000 ] || span=30000	# a range set unusually low
	p=$((20000 + ($$ * 7) % span))
	while [ $i -lt 50 ]; do
		curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$p/"
		# 7: could not connect, nothing listens there.
		[ $? = 7 ] && { echo $p; return 0; }
		p=$((20000 + (p - 20000 + 1 + i * 13) % span))
		i=$((i + 1))
	done
	return 1
}

nginx_conf() {
	local dir=$1 port=$2 root=${3:-$1} temps='' m
	local errlog=${NGINX_ERRLOG:-$root/error.log} user=''
	mkdir -p "$dir/site" || return 1
	cp "$top_srcdir"/assets/demo/site/* "$dir/site/" || return 1
	[ "$(id -u)" = 0 ] && user='user root;'
	temps="client_body_temp_path $root/body;"
	for m in proxy fastcgi uwsgi scgi; do
		"$NGINX" -V 2>&1 | grep -q -- "--without-http_${m}_module" ||
		    temps="$temps ${m}_temp_path $root/$m;"
	done
	sed -e '/^[[:space:]]*#/d' -e '/@STARTUP_CALL@/d' -e "s|@USER@|$user|" \
	    -e "s|^error_log .*|error_log $errlog notice;|" \
	    -e "s|@DIR@|$root|g" -e "s|@SITE@|$root/site|g" \
	    -e "s|@PORT@|$port|g" -e "s|@TEMPS@|$temps|" \
	    "$top_srcdir/assets/demo/nginx.conf" >"$dir/nginx.conf"
	grep -q @ "$dir/nginx.conf" && { echo "nginx_conf: @ left" >&2; return 1; }
	return 0
}

nginx_args() {
	local root=${2:-$1}
	echo "-e ${NGINX_ERRLOG:-$root/error.log} -p $root -c $root/nginx.conf"
}

_nginx_answers() {
	curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$1/"
}

nginx_ready() {
	wait_for 30 test -s "$1/nginx.pid" || return 1
	wait_for 30 _nginx_answers "$2"
}

nginx_traffic() {
	local port=$1 n=$2 u="http://127.0.0.1:$1" i=0
	while [ $i -lt $((n / 10)) ]; do
		curl -s --max-time 10 -w '%{http_code}\n' \
		    -o /dev/null "$u/" -o /dev/null "$u/style.css" \
		    -o /dev/null "$u/about.html" \
		    -o /dev/null "$u/no-such-page.html" \
		    -o /dev/null "$u/index.html" -o /dev/null "$u/style.css" \
		    -o /dev/null "$u/about.html" -o /dev/null "$u/" \
		    -o /dev/null "$u/missing.css" \
		    --next -s --max-time 10 -w '%{http_code}\n' \
		    -H 'Connection: close' -o /dev/null "$u/style.css"
		i=$((i + 1))
	done | awk '$1 == 200 { ok++; next } $1 == 404 { nf++; next }
	    { other++ } END { print ok + 0, nf + 0, other + 0 }'
}

_nginx_pid() {
	local pid
	pid=$(cat "$1/nginx.pid" 2>/dev/null) || return 1
	case $pid in ''|*[!0-9]*) return 1 ;; esac
	# Never a container's pid 1 (or 0): only a real host pid.
	[ "$pid" -gt 1 ] || return 1
	echo "$pid"
}

_nginx_gone() {
	! kill -0 "$1" 2>/dev/null
}

nginx_quit() {
	local pid
	pid=$(_nginx_pid "$1") || return 1
	kill -QUIT "$pid" || return 1
	wait_for "$2" _nginx_gone "$pid"
}

nginx_kill() {
	local pid kids
	pid=$(_nginx_pid "$1") || return 0
	kids=$(grep -l "^PPid:[[:space:]]*$pid\$" /proc/[0-9]*/status 2>/dev/null |
	    sed 's|/proc/\([0-9]*\)/status|\1|')
	kill -KILL "$pid" $kids 2>/dev/null
	return 0
}
