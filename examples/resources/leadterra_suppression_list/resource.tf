# Addresses that must never be emailed, by any campaign of the workspace.
# Each leadterra_suppression_list adds and removes only its own addresses.
resource "leadterra_suppression_list" "do_not_contact" {
  emails = [
    "legal@example.com",
    "ceo@example.org",
  ]
}

# A long list works too (it is sent 1,000 addresses per request), e.g. from
# a file with one address per line:
#   emails = toset(compact(split("\n", file("${path.module}/unsubscribed.txt"))))

output "newly_suppressed" {
  value = leadterra_suppression_list.do_not_contact.suppressed_count
}
