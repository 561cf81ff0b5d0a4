resource "leadterra_campaign" "q3" {
  name = "Q3 outreach"

  sequence_steps = [
    {
      subject    = "Quick question about {{company}}"
      body_html  = "<p>Hi {{firstName}},</p><p>Would a 15-minute call next week be useful?</p>"
      delay_days = 0
    },
    {
      subject    = "Re: Quick question about {{company}}"
      body_html  = "<p>Just bumping this to the top of your inbox.</p>"
      delay_days = 3
    },
  ]
}
