#!/usr/bin/env python3
"""CONTRACT §16 priority and §17 black box on the packaged jar, real clock, simulated dialer (calls of 1 s, all completed):
a rule pack that closes one region, each contact's region, a job that requires consent with a consent revoked after its
create, the pause after a conversation across jobs, and dials in priority order — each read back over HTTP.

usage: scripts/compliance-check.py <jar> [port] [simulated call seconds, default 1]
"""
import datetime, json, sys, tempfile, time, zoneinfo
from jarserver import JarServer

jar = sys.argv[1]
port = int(sys.argv[2]) if len(sys.argv) > 2 else 18982
rules = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Washington (+1 206, Los Angeles time) opens at the next whole minute of its local clock: a contact held until then
opens = (datetime.datetime.now(zoneinfo.ZoneInfo("America/Los_Angeles")) + datetime.timedelta(minutes=1)).strftime("%H:%M")
json.dump([{"region": "US", "hours": {d: "00:00-24:00" for d in DAYS}, "source": "check"},
           {"region": "GB", "hours": {d: None for d in DAYS}, "source": "check: closed"},
           {"region": "US-WA", "hours": {d: opens + "-24:00" for d in DAYS}, "source": "check: opens in a minute"}],
          rules)
rules.close()
server = JarServer(jar, port, "compliance-check-key-01", {"BATCHCALL_SIM_CALL_SECONDS": sys.argv[3] if len(sys.argv) > 3 else "1", "BATCHCALL_SIM_OUTCOMES": "completed=100",
                                                          "BATCHCALL_CONVERSATION_PAUSE": "1h", "BATCHCALL_CALLING_RULES": rules.name})


def iso(seconds):
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def detail(job):
    return server.call("GET", "/batch/jobs/%s?contactsPageSize=50" % job)


ok = True


def check(what, cond):
    global ok
    ok &= bool(cond)
    print(("ok   " if cond else "FAIL ") + what)


try:
    r = server.call("GET", "/batch/calling-rules")
    check("rules in force: %s" % [x["region"] for x in r["rules"]], r["count"] == 3)
    opening = server.call("POST", "/batch/create", {"name": "opening", "fromPhoneNumberId": "pn", "contacts": [{"phone": "+12065550001"}]})

    # priority and regions: one call at a time; the GB contact is held by its closed rule
    first = server.call("POST", "/batch/create", {"name": "ranked", "fromPhoneNumberId": "pn", "concurrentCallLimit": 1, "contacts": [
        {"phone": "+13055550001"}, {"phone": "+13055550002", "priority": 5}, {"phone": "+442071230003", "priority": 99},
        {"phone": "+13055550004", "priority": "9"}]})["batchJobId"]
    time.sleep(7)
    d = detail(first)
    by = {c["phoneNumber"]: c for c in d["contacts"]}
    order = sorted((c for c in d["contacts"] if c["lastAttemptAt"]), key=lambda c: c["lastAttemptAt"])
    check("dialed in priority order: %s" % [c["phoneNumber"][-4:] for c in order], [c["phoneNumber"][-4:] for c in order] == ["0004", "0002", "0001"])
    check("GB contact held by its rule: %s, region %s" % (by["+442071230003"]["status"], by["+442071230003"]["region"]),
          by["+442071230003"]["status"] == "pending" and by["+442071230003"]["region"] == "GB")
    check("regions %s" % d["regionBreakdown"], d["regionBreakdown"] == {"US-FL": 3, "GB": 1})

    # the pause: +13055550001 had a conversation in the first job
    second = server.call("POST", "/batch/create", {"name": "paused", "fromPhoneNumberId": "pn", "contacts": [
        {"phone": "+13055550001"}, {"phone": "+13055550009"}]})["batchJobId"]
    for _ in range(20):  # the other number's call (1 s) ends; the held one stays queued
        d = detail(second)
        if d["statusBreakdown"]["completed"] == 1:
            break
        time.sleep(0.5)
    held = [c for c in d["contacts"] if c["phoneNumber"] == "+13055550001"][0]
    t = server.call("GET", "/batch/jobs/%s/contacts/%s" % (second, held["id"]))
    check("paused number: %s until %s, waits %s" % (held["status"], held["nextRetryAt"], [w["reason"] for w in t["waits"]]),
          held["status"] == "queued" and held["attemptCount"] == 0 and [w["reason"] for w in t["waits"]] == ["conversation_pause"])
    check("the other number completed: %s" % d["statusBreakdown"], d["statusBreakdown"]["completed"] == 1)

    # consent: one number consented then revoked after the create, one never
    server.call("POST", "/batch/consents", {"phoneNumber": "+13055550021", "source": "web form"})
    server.call("POST", "/batch/consents", {"phoneNumber": "+13055550022", "source": "web form"})
    consented = server.call("POST", "/batch/create", {"name": "consented", "fromPhoneNumberId": "pn", "requireConsent": True,
                                                      "scheduledStartTime": iso(3), "contacts": [
        {"phone": "+13055550021"}, {"phone": "+13055550022"}, {"phone": "+13055550023"}]})
    server.call("DELETE", "/batch/consents/%2B13055550022")
    check("no_consent skipped at create: %s" % [x["reason"] for x in consented["skippedRows"]],
          [x["reason"] for x in consented["skippedRows"]] == ["no_consent"])
    time.sleep(8)
    d = detail(consented["batchJobId"])
    by = {c["phoneNumber"]: c for c in d["contacts"]}
    check("revoked after the create: %s / %s; consented: %s" % (by["+13055550022"]["status"], by["+13055550022"]["errorCode"],
                                                                 by["+13055550021"]["status"]),
          by["+13055550022"]["status"] == "blocked" and by["+13055550022"]["errorCode"] == "no_consent"
          and by["+13055550021"]["status"] == "completed")

    # the Washington contact: held by its rule until the next minute (opens != 00:00: a rule cannot open at midnight's end)
    if opens != "00:00":
        job = opening["batchJobId"]
        for _ in range(90):
            if detail(job)["status"] == "completed":
                break
            time.sleep(1)
        t = server.call("GET", "/batch/jobs/%s/contacts/%s-c1" % (job, job))
        waits = [w for w in t["waits"] if w["reason"] == "region_rule"]
        check("held until %s Los Angeles time, then dialed: %s, waits %s" % (opens, t["status"],
                                                                           [(w["reason"], w["until"]) for w in t["waits"]]),
              t["status"] == "completed" and len(waits) == 1 and waits[0]["until"] is not None)
    print("all checks passed" if ok else "SOME CHECKS FAILED")
finally:
    server.stop()
sys.exit(0 if ok else 1)
