package sandbox

import (
	"fmt"
	"time"
)

// seedID gives demo objects fixed, recognisable ids so docs and examples
// can name them: pool_01jsandb0x0000000000000001 and so on.
func seedID(prefix string, n int) string { return fmt.Sprintf("%s01jsandb0x%016d", prefix, n) }

// SeedCampaignID is the id of the demo campaign loaded by Options.Seed
// (seedID("camp_", 1)).
const SeedCampaignID = "camp_01jsandb0x0000000000000001"

// seed loads demo data shaped after the docs' examples: three pools, five
// sender accounts in every status, one SDR with Gmail connected and an
// inbox (four threads, one follow-up due and one upcoming), and a
// running campaign that has sent its first step and got three replies.
func (s *Server) seed() {
	now := s.clock()
	s.accounts = []SenderAccount{
		{ID: seedID("sa_", 1), Email: "alex.rivera@acme.io", Name: "Alex Rivera", Status: "active"},
		{ID: seedID("sa_", 2), Email: "morgan.lee@acme.io", Name: "Morgan Lee", Status: "paused"},
		{ID: seedID("sa_", 3), Email: "james.walker@mail.acmecorp.io", Name: "James Walker", Status: "active"},
		{ID: seedID("sa_", 4), Email: "sarah.chen@mail.acmecorp.io", Name: "Sarah Chen", Status: "active"},
		{ID: seedID("sa_", 5), Email: "mark.osei@mail.acmecorp.io", Name: "Mark Osei", Status: "warming"},
	}
	s.sdrs = []sdr{{
		ID: seedID("sdr_", 1), Name: "Jordan Lee", Email: "jordan@example.com",
		GmailConnected: true, GmailEmail: "jordan.sdr@gmail.com", HealthState: "active",
		LastSyncedAt: now.Add(-5 * time.Minute),
	}}

	created := now.Add(-72 * time.Hour)
	cs := &campaignState{
		Campaign: Campaign{
			ID: SeedCampaignID, Name: "Demo: VP Sales outreach", Status: StatusDraft,
			Steps: []Step{
				{Subject: "Quick question, {{firstName}}", BodyHTML: "<p>Hi {{firstName}},</p><p>Saw your team is scaling outbound at {{company}}. I had a quick question about how you are handling workflow automation right now.</p><p>Worth a 15-minute call this week?</p>"},
				{Subject: "Re: Quick question, {{firstName}}", BodyHTML: "<p>Hi {{firstName}}, just bumping this up: would a short call next week work?</p>", DelayDays: 3},
			},
			CreatedAt: created, UpdatedAt: created,
		},
		leads: map[string]*leadState{},
	}
	for _, l := range []Lead{
		{Email: "ava@example.com", FirstName: "Ava", Company: "ExampleCo", JobTitle: "VP Sales"},
		{Email: "ben@example.com", FirstName: "Ben", Company: "AcmeCorp", JobTitle: "Head of Growth"},
		{Email: "cara@example.com", FirstName: "Cara", Company: "StartupHQ", JobTitle: "Founder"},
		{Email: "dan@example.com", FirstName: "Dan", Company: "ScaleUp Inc", JobTitle: "Director of Sales"},
	} {
		l.CustomFields, l.EnrolledAt = map[string]string{}, created
		cs.leads[l.Email] = &leadState{Lead: l}
	}
	s.campaigns[cs.ID] = cs
	s.setRunning(cs)
	cs.StartedAt = created.Add(time.Hour)
	s.Tick() // step 1 goes to all four leads

	for i, r := range []Reply{
		{Email: "ava@example.com", Classification: "interested", ThreadSnippet: "Hey, this actually looks relevant. Can we jump on a call Thursday afternoon?", ReceivedAt: now.Add(-47 * time.Hour)},
		{Email: "ben@example.com", Classification: "out_of_office", ThreadSnippet: "I'm out of office until Monday. For urgent matters, please contact...", ReceivedAt: now.Add(-30 * time.Hour)},
		{Email: "dan@example.com", Classification: "referral", ThreadSnippet: "Not the right person here, looping in our Head of Sales Ops.", ReceivedAt: now.Add(-5 * time.Hour)},
	} {
		r.ID, r.CampaignID = seedID("rpl_", i+1), cs.ID
		s.addReply(r)
	}

	s.seedInbox(now)

	// Pools last, so the seeding Tick does not eat into the documented numbers.
	s.pools = []SenderPool{
		{ID: seedID("pool_", 1), Name: "Primary Outbound Pool", DailyCapacity: 2000, RemainingVolume: 1340, SenderAccountIDs: []string{seedID("sa_", 1), seedID("sa_", 2)}},
		{ID: seedID("pool_", 2), Name: "Secondary Outbound Pool", DailyCapacity: 500, RemainingVolume: 412, SenderAccountIDs: []string{seedID("sa_", 3), seedID("sa_", 4)}},
		{ID: seedID("pool_", 3), Name: "Warm-Up Pool", DailyCapacity: 300, RemainingVolume: 300, SenderAccountIDs: []string{seedID("sa_", 5)}},
	}
}
