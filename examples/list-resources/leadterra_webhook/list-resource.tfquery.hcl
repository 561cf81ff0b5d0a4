# Webhooks that receive replies (`terraform query`, Terraform 1.14 and
# later; needs an API that offers GET /v1/webhooks).
list "leadterra_webhook" "replies" {
  provider = leadterra

  config {
    event = "reply.received"
  }
}
