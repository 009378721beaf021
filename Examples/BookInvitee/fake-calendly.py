"""A stand-in for api.calendly.com on 127.0.0.1, for the example's end-to-end run in CI.

Prints its port, answers POST /invitees with the documentation's 201 sample when the
request carries a bearer token and a JSON body, and exits after serving one booking."""
import http.server
import json
import sys

RESPONSE = {"resource": {
    "uri": "https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD/invitees/ABCDABCDABCDABCD",
    "email": "test@example.com", "first_name": None, "last_name": None, "name": "John Smith",
    "status": "active", "timezone": "Europe/Paris",
    "event": "https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD",
    "created_at": "2019-01-02T03:04:05.678123Z", "updated_at": "2019-08-07T06:05:04.321123Z",
    "text_reminder_number": None, "rescheduled": False, "old_invitee": None, "new_invitee": None,
    "cancel_url": "https://calendly.com/cancellations/AAAAAAAAAAAAAAAA",
    "reschedule_url": "https://calendly.com/reschedulings/AAAAAAAAAAAAAAAA",
    "payment": None, "no_show": None, "reconfirmation": None,
    "scheduling_method": "instant_book", "invitee_scheduled_by": None}}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        ok = (self.path == "/invitees" and self.headers.get("Authorization") == "Bearer example-token"
              and body.get("invitee", {}).get("email") == "test@example.com")
        payload = json.dumps(RESPONSE if ok else {"title": "Invalid Argument", "message": "unexpected request"}).encode()
        self.send_response(201 if ok else 400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        self.server.done = True

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
server.done = False
print(server.server_address[1], flush=True)
server.timeout = 120
while not server.done:
    server.handle_request()
