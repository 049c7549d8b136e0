#!/usr/bin/env bash
# A standalone Flink session cluster on this machine, from Maven jars: a JobManager
# (StandaloneSessionClusterEntrypoint) and a TaskManager (TaskManagerRunner) as two java processes,
# everything under one directory. What Flink's own bin/ scripts do, for a machine without
# flink-dist (see "Scale-out engines" in /work/shared/stack.md).
#
#   jobs/cluster/standalone-cluster.sh start  DIR           # prints the REST address when ready
#   jobs/cluster/standalone-cluster.sh submit DIR JAR [ARGS...]   # flink run, attached
#   jobs/cluster/standalone-cluster.sh stop   DIR
#
# DIR holds conf/config.yaml (written by start, with free ports), log/, tmp/ and the pids.
# FLINK_LIB: the cluster's jars, default jobs/target/flink-cluster/lib (copy them with
#   mvn -f jobs/cluster/pom.xml package -Dflink.version=2.3.0 -Dlog4j.version=2.24.3 \
#     -Dflink.lib=$PWD/jobs/target/flink-cluster/lib
# or any 'mvn -pl jobs verify'). TM_MEMORY (default 1024m), JM_HEAP (default 512m) and SLOTS
# (default 2) size the cluster. 'submit' passes the environment on to the job's main(), so the
# PAVED_* settings of the Paved jobs go there.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FLINK_LIB="${FLINK_LIB:-$HERE/../target/flink-cluster/lib}"
TM_MEMORY="${TM_MEMORY:-1024m}"
JM_HEAP="${JM_HEAP:-512m}"
SLOTS="${SLOTS:-2}"
JAVA="${JAVA:-java}"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-120}"

# Flink's stock env.java.opts.all for Java 17.
JAVA_OPTS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

die() {
  echo "standalone-cluster: $*" >&2
  exit 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

classpath() {
  [ -d "$FLINK_LIB" ] && ls "$FLINK_LIB"/flink-runtime-*.jar >/dev/null 2>&1 ||
    die "no Flink jars in $FLINK_LIB: run mvn -pl jobs verify, or see the top of this script"
  echo "$(cd "$FLINK_LIB" && pwd)/*"
}

rest_port() {
  sed -n 's/^rest.port: //p' "$DIR/conf/config.yaml"
}

write_conf() {
  mkdir -p "$DIR/conf" "$DIR/log" "$DIR/tmp" "$DIR/web"
  cat >"$DIR/conf/config.yaml" <<EOF
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $(free_port)
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.heap.size: $JM_HEAP
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $(free_port)
blob.server.port: $(free_port)
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.rpc.port: $(free_port)
taskmanager.numberOfTaskSlots: $SLOTS
taskmanager.memory.process.size: $TM_MEMORY
taskmanager.memory.managed.fraction: 0.1
parallelism.default: $SLOTS
io.tmp.dirs: $DIR/tmp
web.tmpdir: $DIR/web
security.delegation.tokens.enabled: false
EOF
  cat >"$DIR/conf/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN
EOF
  cp "$DIR/conf/log4j.properties" "$DIR/conf/log4j-cli.properties"
}

launch() { # name main-class [jvm options...] -- [program args...]
  local name="$1" main="$2"
  shift 2
  local jvm=()
  while [ "$1" != "--" ]; do
    jvm+=("$1")
    shift
  done
  shift
  nohup "$JAVA" "${JAVA_OPTS[@]}" "${jvm[@]}" \
    -Dlog.file="$DIR/log/$name.log" \
    -Dlog4j.configurationFile="file:$DIR/conf/log4j.properties" \
    -cp "$CP" "$main" --configDir "$DIR/conf" "$@" \
    >"$DIR/log/$name.out" 2>&1 </dev/null &
  echo $! >"$DIR/$name.pid"
}

start() {
  [ -f "$DIR/jobmanager.pid" ] && kill -0 "$(cat "$DIR/jobmanager.pid")" 2>/dev/null &&
    die "a cluster is already running in $DIR"
  CP="$(classpath)"
  write_conf
  launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    -Xms"$JM_HEAP" -Xmx"$JM_HEAP" --
  # The TaskManager's JVM flags and derived memory settings, as Flink's taskmanager.sh gets them.
  local params
  params="$("$JAVA" -cp "$CP" org.apache.flink.runtime.util.bash.BashJavaUtils \
    GET_TM_RESOURCE_PARAMS --configDir "$DIR/conf" 2>&1 | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' |
    sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')" || die "BashJavaUtils failed"
  local jvm_params dynamic
  jvm_params="$(echo "$params" | head -n 1)"
  dynamic="$(echo "$params" | tail -n 1)"
  # shellcheck disable=SC2086 # both are space-separated lists of arguments, as in taskmanager.sh
  launch taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner $jvm_params -- $dynamic

  local url="http://127.0.0.1:$(rest_port)"
  local deadline=$((SECONDS + READY_TIMEOUT_S))
  until curl -sf "$url/overview" 2>/dev/null | grep -q '"slots-total":[1-9]'; do
    for name in jobmanager taskmanager; do
      kill -0 "$(cat "$DIR/$name.pid")" 2>/dev/null || {
        tail -n 30 "$DIR/log/$name.log" "$DIR/log/$name.out" >&2 || true
        stop
        die "the $name exited"
      }
    done
    [ $SECONDS -lt $deadline ] || {
      stop
      die "no TaskManager registered within ${READY_TIMEOUT_S} s (see $DIR/log)"
    }
    sleep 0.5
  done
  echo "$url"
}

submit() {
  [ $# -ge 1 ] || die "submit DIR JAR [ARGS...]"
  local jar="$1"
  shift
  [ -f "$jar" ] || die "no job jar $jar"
  CP="$(classpath)"
  FLINK_CONF_DIR="$DIR/conf" "$JAVA" "${JAVA_OPTS[@]}" \
    -Dlog.file="$DIR/log/client.log" \
    -Dlog4j.configurationFile="file:$DIR/conf/log4j-cli.properties" \
    -cp "$CP" org.apache.flink.client.cli.CliFrontend \
    run -m "127.0.0.1:$(rest_port)" "$jar" "$@"
}

stop() {
  for name in taskmanager jobmanager; do
    local pidfile="$DIR/$name.pid"
    [ -f "$pidfile" ] || continue
    local pid
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

[ $# -ge 2 ] || die "usage: $0 start|stop|submit DIR [JAR ARGS...]"
COMMAND="$1"
mkdir -p "$2"
DIR="$(cd "$2" && pwd)"
shift 2
case "$COMMAND" in
  start) start ;;
  submit) submit "$@" ;;
  stop) stop ;;
  *) die "unknown command $COMMAND: start, stop or submit" ;;
esac
