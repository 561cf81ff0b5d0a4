# minimum-cli: terraform 1.12, opentofu 1.12
# An import block can name the webhook by its identity (needs an API that
# offers GET /v1/webhooks/:id).
import {
  to = leadterra_webhook.events
  identity = {
    id = "wh_0123456789"
  }
}
