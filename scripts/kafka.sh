#!/usr/bin/env bash
# Runs a real single-node Apache Kafka broker (KRaft mode, no ZooKeeper, no Docker).
# The broker jars come from Maven Central through tools/kafka/pom.xml.
#
#   scripts/kafka.sh up       resolve jars (first time), format storage (first time), start, wait ready
#   scripts/kafka.sh down     stop cleanly (SIGTERM, then wait for the process to exit)
#   scripts/kafka.sh status   exit 0 when the broker answers on its port
#
# Settings (env): KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_HOME_DIR (.local/kafka),
# KAFKA_HEAP (512m). A second broker for tests just uses another port and folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${KAFKA_PORT:-9092}"
cport="${KAFKA_CONTROLLER_PORT:-9093}"
home="${KAFKA_HOME_DIR:-$root/.local/kafka}"
libdir="$root/.local/kafka-lib"
heap="${KAFKA_HEAP:-512m}"
pidfile="$home/kafka.pid"

log() { echo "[kafka:$port] $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

resolve_jars() {
  if [ -f "$libdir/.complete" ]; then return; fi
  command -v mvn >/dev/null || { log "Maven is required (apt-get install maven) to fetch the Kafka broker"; exit 1; }
  command -v java >/dev/null || { log "Java 17 is required (apt-get install openjdk-17-jre-headless)"; exit 1; }
  log "resolving Apache Kafka from Maven Central into $libdir"
  rm -rf "$libdir"; mkdir -p "$libdir"
  mvn -q -B -f "$root/tools/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$libdir" -DincludeScope=runtime >&2
  touch "$libdir/.complete"
}

write_config() {
  mkdir -p "$home/data" "$home/logs"
  cat > "$home/server.properties" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$home/data
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Topics are created by the platform's provisioning step, never implicitly by a typo.
auto.create.topics.enable=false
# Single broker for dev and tests: start consumer groups without the 3 s rebalance delay.
group.initial.rebalance.delay.ms=0
log.retention.hours=24
CONF
  cat > "$home/log4j.properties" <<CONF
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$home/logs/server.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
CONF
}

java_cmd() {
  java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$home/log4j.properties" -cp "$libdir/*" "$@"
}

up() {
  if port_open "$port"; then log "already listening"; return 0; fi
  resolve_jars
  write_config
  if [ ! -f "$home/data/meta.properties" ]; then
    log "formatting storage in $home/data"
    java_cmd kafka.tools.StorageTool format -t "$(cat /proc/sys/kernel/random/uuid | tr -d - | head -c 22)" \
      -c "$home/server.properties" --ignore-formatted >"$home/logs/format.log" 2>&1 \
      || { cat "$home/logs/format.log" >&2; exit 1; }
  fi
  local started=$SECONDS
  # setsid: the broker outlives the shell that started it and gets no terminal signals.
  setsid nohup java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$home/log4j.properties" -cp "$libdir/*" \
    kafka.Kafka "$home/server.properties" >"$home/logs/stdout.log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 240); do
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then log "broker exited; see $home/logs"; tail -20 "$home/logs/stdout.log" >&2; exit 1; fi
    if port_open "$port" && grep -q "Transition from STARTING to STARTED" "$home/logs/server.log" 2>/dev/null; then
      log "ready in $((SECONDS - started))s (pid $(cat "$pidfile"))"; return 0
    fi
    sleep 0.25
  done
  log "not ready after 60s; see $home/logs"; exit 1
}

down() {
  [ -f "$pidfile" ] || { log "not running (no pid file)"; return 0; }
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && { log "did not stop in 30s, killing"; kill -KILL "$pid"; }
  fi
  rm -f "$pidfile"; log "stopped"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) port_open "$port" ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
