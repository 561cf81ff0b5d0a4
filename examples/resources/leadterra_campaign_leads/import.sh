# The leads of a campaign are imported by the campaign's ID.
terraform import leadterra_campaign_leads.q3 camp_0123456789
