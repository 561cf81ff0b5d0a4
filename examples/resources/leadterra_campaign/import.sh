# A campaign is imported by its ID.
terraform import leadterra_campaign.q3 camp_0123456789
