# A webhook is imported by its ID (needs an API that offers GET /v1/webhooks/:id).
terraform import leadterra_webhook.events wh_0123456789
