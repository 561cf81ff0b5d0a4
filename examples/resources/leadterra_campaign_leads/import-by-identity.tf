# minimum-cli: terraform 1.12, opentofu 1.12
# An import block can name the enrolment by its identity, the campaign's id
# (needs an API that offers GET /v1/campaigns/:id/leads).
import {
  to = leadterra_campaign_leads.q3
  identity = {
    campaign_id = "camp_0123456789"
  }
}
