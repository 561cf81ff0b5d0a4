# minimum-cli: terraform 1.12, opentofu 1.12
# An import block can name the launch by its identity, the campaign's id
# (needs an API that offers GET /v1/campaigns/:id).
import {
  to = leadterra_campaign_launch.q3
  identity = {
    campaign_id = "camp_0123456789"
  }
}
