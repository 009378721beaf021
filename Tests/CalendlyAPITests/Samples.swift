import Foundation

/// The request and response samples of Calendly's "Create Event Invitee" documentation,
/// as `spec/calendly-invitees.yaml` carries them in its `example`s.
enum Samples {
    static let request = """
        {
          "event_type": "https://api.calendly.com/event_types/AAAAAAAAAAAAAAAA",
          "start_time": "2019-08-07T06:05:04.321123Z",
          "invitee": {
            "email": "test@example.com",
            "name": "John Smith",
            "first_name": "John",
            "last_name": "Smith",
            "timezone": "America/New_York"
          },
          "custom_questions": [],
          "location": {"kind": "physical", "location": "123 Main St"},
          "tracking": {"utm_source": "newsletter"}
        }
        """

    static let response = """
        {
          "resource": {
            "uri": "https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD/invitees/ABCDABCDABCDABCD",
            "email": "test@example.com",
            "first_name": "John",
            "last_name": "Smith",
            "name": "John Smith",
            "status": "active",
            "timezone": "America/New_York",
            "event": "https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD",
            "created_at": "2019-01-02T03:04:05.678123Z",
            "updated_at": "2019-08-07T06:05:04.321123Z",
            "tracking": {
              "utm_campaign": "spring",
              "utm_source": "facebook",
              "utm_medium": "email",
              "utm_content": "original",
              "utm_term": "spring",
              "salesforce_uuid": null
            },
            "text_reminder_number": "+1 404-555-1234",
            "rescheduled": false,
            "old_invitee": null,
            "new_invitee": null,
            "cancel_url": "https://calendly.com/cancellations/AAAAAAAAAAAAAAAA",
            "reschedule_url": "https://calendly.com/reschedulings/AAAAAAAAAAAAAAAA",
            "payment": {
              "external_id": "ch_AAAAAAAAAAAAAAAAAAAAAAAA",
              "provider": "stripe",
              "amount": 12.5,
              "currency": "USD",
              "terms": "sample terms of payment (up to 1,024 characters)",
              "successful": true
            },
            "no_show": null,
            "reconfirmation": null,
            "scheduling_method": "instant_book",
            "invitee_scheduled_by": null
          }
        }
        """

    static let badRequest = """
        {"title": "Invalid Argument", "message": "The supplied parameters are invalid.",
         "details": [{"parameter": "start_time", "message": "is not available"}]}
        """
    static let unauthenticated = #"{"title": "Unauthenticated", "message": "The access token is invalid"}"#
    static let notFound =
        #"{"title": "Resource Not Found", "message": "The server could not find the requested resource."}"#
}
