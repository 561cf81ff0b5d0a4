# Deliver reply and bounce events to an https endpoint. Where the API cannot
# change or delete webhooks, a change replaces it and destroy leaves it
# registered: the plan and a warning say so.
resource "leadterra_webhook" "events" {
  url    = "https://hooks.example.com/leadterra"
  events = ["reply.received", "message.bounced"]
}

# Verify X-Leadterra-Signature with this secret, when the API returns one.
output "webhook_signing_secret" {
  value     = leadterra_webhook.events.signing_secret
  sensitive = true
}
