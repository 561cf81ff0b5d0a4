# A launch is imported by its campaign's ID. Import needs an API that offers
# GET /v1/campaigns/:id; without it, declare the resource and apply instead
# (starting a running campaign or pausing a paused one changes nothing).
terraform import leadterra_campaign_launch.q3 camp_0123456789
