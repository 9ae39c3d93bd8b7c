#!/usr/bin/env python3
"""CONTRACT §16 black box on the packaged jar, real clock, simulated dialer (calls of 2 s): a job's endAt, contacts'
expiresAt, an add to a job and a contact cancelled — each read back over HTTP as a client would.

usage: scripts/changes-check.py <jar> [port]
"""
import datetime, sys, time
from jarserver import JarServer

jar = sys.argv[1]
port = int(sys.argv[2]) if len(sys.argv) > 2 else 18981
server = JarServer(jar, port, "changes-check-key-00001", {"BATCHCALL_SIM_CALL_SECONDS": "2",
                                                           "BATCHCALL_SIM_OUTCOMES": "completed=100"})


def iso(seconds):
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def contacts(n, base, **extra):
    return [dict({"phone": "+1415%07d" % (base + i)}, **extra) for i in range(n)]


try:
    ending = server.call("POST", "/batch/create", {"name": "ends", "fromPhoneNumberId": "pn", "concurrentCallLimit": 1,
                                                   "endAt": iso(3), "contacts": contacts(5, 100)})["batchJobId"]
    expiring = server.call("POST", "/batch/create", {"name": "expires", "fromPhoneNumberId": "pn", "concurrentCallLimit": 1,
                                                     "contacts": contacts(4, 200, expiresAt=iso(3))})["batchJobId"]
    later = server.call("POST", "/batch/create", {"name": "grows", "fromPhoneNumberId": "pn",
                                                  "scheduledStartTime": "2099-01-01T00:00:00Z", "contacts": contacts(2, 300)})["batchJobId"]
    added = server.call("POST", "/batch/jobs/%s/contacts" % later, {"contacts": contacts(3, 301)})
    cancelled = server.call("POST", "/batch/jobs/%s/contacts/%s-c1/cancel" % (later, later), {})
    time.sleep(9)
    for job in (ending, expiring):
        d = server.call("GET", "/batch/jobs/%s?contactsPageSize=10" % job)
        b = d["statusBreakdown"]
        print("%s: %s; completed %d, cancelled %d (errorCode expired: %d)" % (d["name"], d["status"], b["completed"], b["cancelled"],
              sum(1 for c in d["contacts"] if c["errorCode"] == "expired")))
    d = server.call("GET", "/batch/jobs/%s" % later)
    print("grows: add answered added %d of 3 (skipped %s), job total %d; cancel answered %s; cancelled in the job %d"
          % (added["added"], [r["reason"] for r in added["skippedRows"]], d["totalContacts"], cancelled["contact"]["status"],
             d["statusBreakdown"]["cancelled"]))
finally:
    server.stop()
