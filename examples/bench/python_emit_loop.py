#!/usr/bin/env python3
"""Baseline: what Frappe's emit_via_redis does for each realtime event, in a plain loop.

For every event: build {"event", "message", "room", "namespace"}, serialise it the way frappe.as_json does
(json.dumps with indent=1 and sorted keys), and PUBLISH it on the channel "events" - one round trip per event,
no pipelining. Uses Python's redis client (Debian package python3-redis).

usage: python_emit_loop.py [count] [redis_url] [channel]
prints: one JSON line {"events": n, "seconds": s, "events_per_second": r}
"""
import json
import sys
import time

import redis


def frappe_as_json(obj):
    return json.dumps(obj, indent=1, sort_keys=True, default=str, ensure_ascii=True)


def payloads(i):
    conversation = {"name": "CONV-1", "sender_id": "6543210987654321", "platform": "Messenger",
                    "last_message": "hello %d" % i, "last_message_time": "2026-11-20 10:00:00",
                    "block_chat": 0, "status": "Open"}
    message = {"name": "MSG-%d" % i, "message_id": "m%d" % i, "message": "hello %d" % i,
               "sender_id": "6543210987654321", "sender_user": None, "timestamp": "2026-11-20 10:00:00",
               "message_direction": "Incoming", "conversation": "CONV-1", "is_read": 0,
               "content_type": "text", "attach": None, "status": "received", "platform": "Messenger"}
    return [
        ("messenger:conversation_update", {"conversation": conversation, "type": "update"}),
        ("messenger:message_update", {"message": message, "conversation_id": "CONV-1", "type": "new"}),
        ("messenger:unread_update", {"conversation_id": "CONV-1", "unread_count": i % 7}),
    ]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
    url = sys.argv[2] if len(sys.argv) > 2 else "redis://127.0.0.1:6379"
    channel = sys.argv[3] if len(sys.argv) > 3 else "events"
    r = redis.Redis.from_url(url)
    r.ping()
    start = time.perf_counter()
    sent = 0
    i = 0
    while sent < count:
        for event, message in payloads(i):
            if sent == count:
                break
            r.publish(channel, frappe_as_json(
                {"event": event, "message": message, "room": "all", "namespace": "bench.local"}))
            sent += 1
        i += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"events": sent, "seconds": round(seconds, 3), "events_per_second": round(sent / seconds, 1)}))


if __name__ == "__main__":
    main()
