# minimum-cli: terraform 1.12, opentofu 1.12
# An import block can name the campaign by its identity.
import {
  to = leadterra_campaign.q3
  identity = {
    id = "camp_0123456789"
  }
}
