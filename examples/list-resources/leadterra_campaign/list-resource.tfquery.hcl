# Running campaigns whose name starts with "Q3 ", with their attributes
# (`terraform query`, Terraform 1.14 and later; needs an API that offers
# GET /v1/campaigns).
list "leadterra_campaign" "running_q3" {
  provider         = leadterra
  include_resource = true

  config {
    name_prefix = "Q3 "
    status      = "running"
  }
}
