#!/usr/bin/env bash
# One-shot setup for docker-compose.yml: topics, the job, then the rules directory through the control topic.
set -euo pipefail
cli=(java -jar /opt/trailhawk/trailhawk-cli.jar)
bootstrap=kafka:19092

cp /opt/trailhawk/flink-conf/* /opt/flink/conf/
"${cli[@]}" topics --bootstrap-servers "$bootstrap" --partitions 2
if /opt/flink/bin/flink list -m jobmanager:8081 2>/dev/null | grep -q 'trailhawk'; then
  echo "setup: the job is already running"
else
  /opt/flink/bin/flink run -d -m jobmanager:8081 /opt/trailhawk/trailhawk-job.jar \
    --config /opt/trailhawk/deploy/job.yaml
fi
"${cli[@]}" push --bootstrap-servers "$bootstrap" --rules /opt/trailhawk/rules --timeout 180
echo "setup: done; alerts are on topic trailhawk-alerts"
