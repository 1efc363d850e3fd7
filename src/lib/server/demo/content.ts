import type { Category, EvidenceKind, Lane, Verdict } from '../../domain/board';
import type { Role } from '../../domain/roles';

/*
 * The demo organisation: the digital unit of a mid-size UK home and motor insurer, with three delivery
 * teams and its leadership. Every card is a real improvement record, written the way a team would
 * write it, and carries the dates of its life so the seed can replay it (seed.ts).
 *
 * Dates are whole days before the moment of seeding ("days ago"); the seed turns them into working-day
 * timestamps (weekends fall back to the Friday). A card reaches each column on the day given there.
 */

export type TeamKey = 'claims' | 'policy' | 'platform';
export type BoardKey = TeamKey | 'leadership';
export type PersonKey =
	| 'ada'
	| 'grace'
	| 'rafael'
	| 'priya'
	| 'jonas'
	| 'mei'
	| 'samir'
	| 'olivia'
	| 'kwame'
	| 'lena'
	| 'diego'
	| 'hannah'
	| 'victor';

/** Days before the moment of seeding. */
export type DaysAgo = number;

export const DEMO_ORGANISATION_NAME = 'Kestrel Mutual Digital';
export const DEMO_EMAIL_DOMAIN = 'demo.catchball.dev';
/** The admin founds the organisation; an account with this email means the demo is already there. */
export const DEMO_ADMIN: PersonKey = 'ada';

export interface DemoTeam {
	key: TeamKey;
	name: string;
	timeZone: string;
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
	{ key: 'claims', name: 'Claims Experience', timeZone: 'Europe/London' },
	{ key: 'policy', name: 'Policy & Pricing', timeZone: 'Europe/London' },
	{ key: 'platform', name: 'Platform', timeZone: 'Europe/London' }
];

export interface DemoPerson {
	key: PersonKey;
	name: string;
	role: Role;
	/** What they do at Kestrel (shown nowhere in the app; it explains the content). */
	job: string;
	teams: TeamKey[];
	/** Listed in the README and on the first-run page: one account per role and team. */
	featured: boolean;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
	{ key: 'ada', name: 'Ada Okafor', role: 'admin', job: 'Head of Engineering Operations', teams: [], featured: true },
	{ key: 'grace', name: 'Grace Whitfield', role: 'leader', job: 'Director of Digital', teams: [], featured: true },
	{ key: 'rafael', name: 'Rafael Moreno', role: 'leader', job: 'Head of Delivery', teams: [], featured: false },
	{ key: 'priya', name: 'Priya Nair', role: 'member', job: 'Tech lead', teams: ['claims'], featured: true },
	{ key: 'jonas', name: 'Jonas Berg', role: 'member', job: 'Developer', teams: ['claims'], featured: false },
	{ key: 'mei', name: 'Mei Chen', role: 'member', job: 'Product designer', teams: ['claims'], featured: false },
	{ key: 'samir', name: 'Samir Haddad', role: 'member', job: 'Tech lead', teams: ['policy'], featured: true },
	{ key: 'olivia', name: 'Olivia Brandt', role: 'member', job: 'Product owner', teams: ['policy'], featured: false },
	{ key: 'kwame', name: 'Kwame Mensah', role: 'member', job: 'Developer', teams: ['policy'], featured: false },
	{ key: 'lena', name: 'Lena Novak', role: 'member', job: 'Platform lead', teams: ['platform'], featured: true },
	{ key: 'diego', name: 'Diego Alvarez', role: 'member', job: 'Site reliability engineer', teams: ['platform'], featured: false },
	{ key: 'hannah', name: 'Hannah Kim', role: 'member', job: 'Platform engineer', teams: ['platform'], featured: false },
	{ key: 'victor', name: 'Victor Hale', role: 'viewer', job: 'Finance business partner', teams: [], featured: true }
];

export function demoEmail(person: Pick<DemoPerson, 'key'>): string {
	return `${person.key}@${DEMO_EMAIL_DOMAIN}`;
}

export function demoTeamName(key: TeamKey): string {
	return DEMO_TEAMS.find((t) => t.key === key)!.name;
}

export interface DemoEvidence {
	at: DaysAgo;
	by: PersonKey;
	kind: EvidenceKind;
	summary: string;
	before?: string;
	after?: string;
	link?: string;
	verdict: Verdict;
}

export interface DemoComment {
	at: DaysAgo;
	by: PersonKey;
	body: string;
}

export interface DemoCard {
	/** Unique within the demo; only the seed uses it. */
	key: string;
	board: BoardKey;
	lane: Lane;
	title: string;
	category: Category;
	/** Who raised it. */
	by: PersonKey;
	/** The first owner moves the card and writes its hypothesis and plan. */
	owners: PersonKey[];
	created: DaysAgo;
	problem: { observed: string; affected: string; frequency: string };
	/** Other teams involved (Cross-team lane cards). */
	linked?: { at: DaysAgo; teams: TeamKey[] };
	/** Moved to Hypothesis on `at`, and the hypothesis written. */
	hypothesis?: { at: DaysAgo; believe: string; result: string; signal: string };
	/**
	 * Planned the working day before `at`, moved to Experiment on `at`. The time box starts `start` days
	 * ago (negative: in the future) and lasts `days`. `shares`: linked teams' own effort.
	 */
	experiment?: {
		at: DaysAgo;
		plan: string;
		boundary: string;
		start: DaysAgo;
		days: number;
		effort: number;
		shares?: Partial<Record<TeamKey, { by: PersonKey; effort: number }>>;
	};
	evidence?: DemoEvidence[];
	/** Moved to Evidence. */
	evidenceAt?: DaysAgo;
	/** Decision written and moved to Adopted. */
	adopted?: { at: DaysAgo; by: PersonKey; decision: string; rationale: string };
	/** The evidence refuted the hypothesis: sent back to Hypothesis with a new one. */
	revisited?: { at: DaysAgo; by: PersonKey; believe: string; result: string; signal: string };
	/** Archived (a duplicate). */
	archived?: { at: DaysAgo; by: PersonKey };
	comments?: DemoComment[];
}

const DASHBOARDS = 'https://dashboards.kestrel-mutual.example';
const WIKI = 'https://wiki.kestrel-mutual.example';

export const DEMO_CARDS: readonly DemoCard[] = [
	// ---------------------------------------------------------------------------------------------
	// Claims Experience: online claims (first notice of loss), the claim tracker, the adjuster portal.
	// ---------------------------------------------------------------------------------------------
	{
		key: 'claims-flaky-e2e',
		board: 'claims',
		lane: 'team',
		title: 'Flaky end-to-end suite blocks merges to main',
		category: 'deployment_safety',
		by: 'jonas',
		owners: ['jonas', 'priya'],
		created: 54,
		problem: {
			observed:
				'38% of CI runs on main fail on at least one of the 412 Cypress tests and then pass on a re-run. Developers re-run the suite 2.3 times per merge on average; a merge waits 47 minutes for a green build.',
			affected: 'All seven claims developers; the product owner waits for fixes to reach the test environment.',
			frequency: 'Every merge, about 25 merges a week.'
		},
		hypothesis: {
			at: 50,
			believe:
				'automatically quarantining any test that fails and then passes twice within 14 days, with a ticket and a 10-day fix-or-delete rule,',
			result: 'a main-branch pass rate above 90% without losing the defects the suite catches today.',
			signal:
				're-runs per merge stay below 0.3 for two weeks and no escaped defect is traced back to a quarantined test.'
		},
		experiment: {
			at: 43,
			plan:
				'Add a quarantine tag and a CI step that applies it from the flaky-test report. Quarantined tests run in a separate nightly job; the owner named on the ticket fixes or deletes the test within 10 working days. Review the quarantine list at Thursday standup.',
			boundary:
				'At most 25 tests in quarantine at once. The payment and document-upload journeys are never quarantined. Stop at once if an escaped defect is traced to a quarantined test.',
			start: 42,
			days: 21,
			effort: 4
		},
		evidence: [
			{
				at: 22,
				by: 'jonas',
				kind: 'measurement',
				summary: 'Main-branch pass rate and re-runs per merge over the three weeks, from the CI history export.',
				before: 'Pass rate 62%; 2.3 re-runs per merge; merge waits 47 min',
				after: 'Pass rate 94%; 0.2 re-runs per merge; merge waits 12 min',
				link: `${DASHBOARDS}/d/ci-claims/main-branch-health`,
				verdict: 'supports'
			},
			{
				at: 20,
				by: 'priya',
				kind: 'observation',
				summary:
					'19 tests were quarantined: 11 fixed (mostly waits on animations), 6 deleted as duplicates of API tests, 2 still open. No production defect in the period traced to a quarantined journey.',
				verdict: 'supports'
			}
		],
		evidenceAt: 20,
		adopted: {
			at: 13,
			by: 'priya',
			decision: 'Keep auto-quarantine as the standing rule for the claims repositories, with the 10-day fix-or-delete rule.',
			rationale:
				'The pass rate held above 90% for three weeks, merge waits fell from 47 to 12 minutes and nothing escaped. The quarantine list shrank from 19 to 2, so it is not becoming a place where tests go to die.'
		},
		comments: [
			{ at: 36, by: 'mei', body: 'First week: 14 tests quarantined, most of them on the claim tracker timeline. The nightly job is red every night, which is expected.' },
			{ at: 29, by: 'jonas', body: 'Down to 7 in quarantine. Two were real race conditions in the upload widget, fixed in the app rather than the test.' }
		]
	},
	{
		key: 'claims-errors-via-contact-centre',
		board: 'claims',
		lane: 'team',
		title: 'We learn about claim-form outages from the contact centre, two days late',
		category: 'feedback_quality',
		by: 'priya',
		owners: ['priya'],
		created: 56,
		problem: {
			observed:
				'14 of the last 20 incidents on the online claim form were first reported by the contact centre, a median of 2.1 days after the first error appeared in our logs. The errors were there; nobody was looking.',
			affected:
				'Claimants who get stuck half-way through reporting a loss; contact centre agents who take the calls; whoever is on support that week.',
			frequency: 'About five incidents a month.'
		},
		hypothesis: {
			at: 49,
			believe:
				'routing alerts for the five key claim-journey errors to the team channel, with a named daytime "alert buddy" each week,',
			result: 'us detecting failures before customers call about them.',
			signal: 'at least 70% of incidents are detected by an alert first and the median time to detection is under an hour.'
		},
		experiment: {
			at: 42,
			plan:
				'Define alerts on error rate for: start claim, upload photos, choose repairer, submit, and claim tracker load. A weekly rota names the alert buddy; the buddy acknowledges within 15 minutes in working hours and opens an incident if the alert is real. Tune thresholds every Friday.',
			boundary:
				'Working hours only (08:00–18:00); nobody is paged out of hours. If an alert fires more than 10 times a day it is muted and re-tuned, so the channel does not become noise.',
			start: 41,
			days: 28,
			effort: 3
		},
		evidence: [
			{
				at: 12,
				by: 'priya',
				kind: 'measurement',
				summary:
					'Six incidents in the four weeks; five were detected by an alert before any customer contact. The sixth (a repairer directory outage) is outside the five journeys.',
				before: '6 of 20 incidents detected by us first; median detection 2.1 days',
				after: '5 of 6 detected by alert first; median detection 38 minutes',
				link: `${DASHBOARDS}/d/claims-journeys/alerts`,
				verdict: 'supports'
			}
		],
		evidenceAt: 11,
		adopted: {
			at: 6,
			by: 'priya',
			decision: 'Keep the five journey alerts and the weekly alert buddy rota; review thresholds on the first Friday of each month.',
			rationale:
				'Detection went from days to minutes and the contact centre confirmed they raised no outage we did not already know about. The buddy spent under an hour a week on it, well inside our protected time.'
		},
		comments: [
			{ at: 27, by: 'mei', body: 'Contact centre team leader asked if they can see the channel too. Added two of them as readers.' }
		]
	},
	{
		key: 'claims-portal-daily-release',
		board: 'claims',
		lane: 'team',
		title: 'Adjuster portal ships in fortnightly big batches that get rolled back whole',
		category: 'deployment_safety',
		by: 'priya',
		owners: ['priya', 'jonas'],
		created: 40,
		problem: {
			observed:
				'The adjuster portal is released every second Thursday with an average of 31 changes. 3 of the last 6 releases were rolled back entirely because of a single defect, taking 30 good changes back out with it.',
			affected: '140 adjusters who use the portal all day; the claims developers, who spend Friday after a release untangling it.',
			frequency: 'Every release; a full rollback roughly once a month.'
		},
		hypothesis: {
			at: 36,
			believe: 'releasing the adjuster portal every working day, with unfinished work behind feature flags,',
			result: 'smaller batches and problems fixed by switching one flag off instead of rolling back a release.',
			signal: 'a release carries fewer than 8 changes on average and there is no full rollback for three weeks.'
		},
		experiment: {
			at: 29,
			plan:
				'Deploy the portal at 10:00 every working day from main. New behaviour ships behind a flag, switched on for the two pilot adjuster teams first. Post a two-line release note in the portal banner each day.',
			boundary:
				'Adjuster portal only (internal users), never during month-end claims close. Go back to the fortnightly train if two releases cause an incident.',
			start: 28,
			days: 21,
			effort: 3
		},
		evidence: [
			{
				at: 8,
				by: 'jonas',
				kind: 'measurement',
				summary: 'Releases, batch size and rollbacks over the three weeks.',
				before: '1 release a fortnight, 31 changes each, 3 full rollbacks in 6 releases',
				after: '14 releases, 5.6 changes each, no full rollback; one flag switched off in 4 minutes',
				link: `${DASHBOARDS}/d/claims-portal/releases`,
				verdict: 'supports'
			},
			{
				at: 5,
				by: 'mei',
				kind: 'observation',
				summary:
					'Interviewed four adjusters: no disruption noticed, but two were surprised by a changed reserve screen that shipped without a banner note. Daily notes are being missed when the banner is dismissed.',
				verdict: 'inconclusive'
			}
		],
		evidenceAt: 5,
		comments: [
			{ at: 4, by: 'mei', body: 'Before we adopt: changes to screens adjusters use all day need a note they cannot miss. I will draft a "what changed" panel.' },
			{ at: 3, by: 'rafael', body: 'Good numbers. Bring it to the barrier review if the month-end exclusion turns out to be a problem; finance operations set that window.' }
		]
	},
	{
		key: 'claims-shared-staging',
		board: 'claims',
		lane: 'cross_team',
		title: 'Claims integration tests queue for the one shared staging environment',
		category: 'dependencies',
		by: 'priya',
		owners: ['priya', 'lena'],
		created: 47,
		problem: {
			observed:
				'Four teams share a single staging environment. Claims waits a median of 5.5 hours for a slot to run integration tests, and 9 times last month our test run was overwritten mid-way by another team’s deploy.',
			affected: 'Claims developers (and every team that deploys to staging); features sit finished but untested.',
			frequency: 'Daily; worst on Tuesdays and Wednesdays before the fortnightly release.'
		},
		linked: { at: 46, teams: ['platform'] },
		hypothesis: {
			at: 41,
			believe: 'an ephemeral environment per pull request for the claims service on the platform cluster',
			result: 'integration tests running as soon as a change is ready, without waiting for or colliding with other teams.',
			signal: 'the median wait for an environment is under 30 minutes and no test run is overwritten for three weeks.'
		},
		experiment: {
			at: 30,
			plan:
				'Platform provides a Helm chart that creates a namespace per pull request with claims-api, its database and two stubs, and deletes it when the pull request closes. Claims switches its integration suite to run there.',
			boundary:
				'claims-api only; the mainframe is always stubbed. At most 6 environments at once and a £400 a month cost cap; environments older than 48 hours are deleted.',
			start: 29,
			days: 21,
			effort: 3,
			shares: { platform: { by: 'lena', effort: 3 } }
		},
		evidence: [
			{
				at: 9,
				by: 'lena',
				kind: 'measurement',
				summary: '61 environments created in three weeks; cost taken from the cloud bill by namespace label.',
				before: 'Median wait 5.5 h; 9 overwritten runs a month',
				after: 'Median wait 12 min; no overwritten runs; £212 spent',
				link: `${DASHBOARDS}/d/platform/ephemeral-envs`,
				verdict: 'supports'
			},
			{
				at: 6,
				by: 'priya',
				kind: 'measurement',
				summary: 'Environment start-up time is fine most of the day but slow in the 09:00–10:00 peak when everyone opens pull requests.',
				before: '',
				after: 'Start-up p50 9 min, p95 22 min (p95 38 min between 09:00 and 10:00)',
				verdict: 'inconclusive'
			}
		],
		evidenceAt: 6,
		comments: [
			{ at: 45, by: 'jonas', body: 'Merged my card about staging into this one; same problem.' },
			{ at: 31, by: 'lena', body: 'If this holds we can offer the same chart to Policy. Parking their request until we see your numbers.' },
			{ at: 5, by: 'diego', body: 'The morning p95 is image pulls on cold nodes. We can pre-pull the claims images at 08:30; trying it next week.' }
		]
	},
	{
		key: 'claims-staging-duplicate',
		board: 'claims',
		lane: 'team',
		title: 'Staging is always busy',
		category: 'dependencies',
		by: 'jonas',
		owners: ['jonas'],
		created: 46,
		problem: {
			observed: 'Could not get staging for the whole afternoon again; Policy had it for their renewal tests.',
			affected: 'Claims developers.',
			frequency: 'Most days.'
		},
		comments: [
			{
				at: 45,
				by: 'priya',
				body: 'Duplicate of "Claims integration tests queue for the one shared staging environment", which has the numbers. Archiving this one.'
			}
		],
		archived: { at: 45, by: 'priya' }
	},
	{
		key: 'claims-three-amigos',
		board: 'claims',
		lane: 'team',
		title: 'Stories are reopened because design, development and test read them differently',
		category: 'feedback_quality',
		by: 'mei',
		owners: ['mei'],
		created: 30,
		problem: {
			observed:
				'11 of the last 25 stories were reopened after review because the acceptance criteria were understood differently by design, development and test. Each reopened story cost 1.6 days of rework on average.',
			affected: 'The whole claims team; the product owner, whose sprint goals slip.',
			frequency: 'Four to five stories a sprint.'
		},
		hypothesis: {
			at: 22,
			believe: 'a 15-minute kick-off with a designer, a developer and a tester before any story over a day starts',
			result: 'fewer stories reopened after review.',
			signal: 'fewer than 15% of stories are reopened, measured over the next 20 stories.'
		},
		experiment: {
			at: 13,
			plan:
				'Before a story of more than a day moves to "in progress", the three meet at the board for 15 minutes and write down the two or three examples they agree on. Count reopened stories at each retro.',
			boundary: '15 minutes at most; bugs and spikes are exempt; no new document or template is created.',
			start: 12,
			days: 28,
			effort: 2
		},
		comments: [{ at: 6, by: 'jonas', body: 'Seven kick-offs so far, one reopened story (a copy change nobody caught). Timer helps.' }]
	},
	{
		key: 'claims-accessibility-audit',
		board: 'claims',
		lane: 'team',
		title: 'Accessibility defects are found only at the quarterly audit',
		category: 'feedback_quality',
		by: 'mei',
		owners: ['jonas', 'mei'],
		created: 41,
		problem: {
			observed:
				'The external accessibility audit before last quarter’s release found 23 WCAG 2.2 AA defects in the claim form. Fixing them took 9 developer-days in the release week and delayed the release by four days.',
			affected: 'Claimants using screen readers or keyboard only; the developers who fix everything at once.',
			frequency: 'Every quarter, at the audit.'
		},
		hypothesis: {
			at: 38,
			believe: 'automated axe checks on every pull request plus a monthly screen-reader session with the team',
			result: 'most accessibility defects being caught while the code is still fresh.',
			signal: 'the next external audit finds fewer than 7 defects in the claim form.'
		},
		experiment: {
			at: 34,
			plan:
				'Add axe-core checks to the Playwright suite for the 12 claim-form pages and fail the build on serious or critical findings. Book one hour a month where the team completes a claim with NVDA.',
			boundary: 'Claim form only; the adjuster portal follows if this works. Moderate findings are logged, not blocking.',
			start: 33,
			days: 14,
			effort: 3
		},
		comments: [
			{ at: 24, by: 'jonas', body: 'axe is running on 9 of the 12 pages; the three upload pages need a test fixture first.' },
			{ at: 15, by: 'mei', body: 'The screen-reader session slipped twice because of the renewals freeze.' },
			{
				at: 8,
				by: 'priya',
				body: 'We are past the time box. Decide at Thursday standup: extend by two weeks or record what we have as evidence.'
			}
		]
	},
	{
		key: 'claims-cab',
		board: 'claims',
		lane: 'system',
		title: 'The Change Advisory Board adds six working days to every release',
		category: 'policy_delay',
		by: 'priya',
		owners: ['priya', 'rafael'],
		created: 52,
		problem: {
			observed:
				'Every production change, including copy, configuration and feature-flag changes, goes to the weekly CAB. Median time from change request to approval is 6 working days, and 92% of requests are approved without a single question.',
			affected: 'All delivery teams; claims fixes wait unless they are declared emergencies, which needs a director.',
			frequency: '8 to 10 change requests a month from Claims alone.'
		},
		hypothesis: {
			at: 44,
			believe:
				'a pre-approved catalogue of standard changes (configuration, copy, flag switches, dependency patches with a green pipeline), logged automatically and reviewed by CAB afterwards,',
			result: 'low-risk changes going live the day they are ready, with no more failed changes than today.',
			signal:
				'standard changes are at least half of Claims’ changes and the change failure rate stays at or below the last six months’ 4%.'
		},
		experiment: {
			at: 17,
			plan:
				'With the CAB chair’s agreement, Claims runs a six-week pilot: the pipeline records every standard change in the change log with its diff and test results; CAB reviews the list every Tuesday instead of approving each change beforehand.',
			boundary:
				'Claims applications only; no database migrations, payment or integration changes. CAB can end the pilot on any P1 incident.',
			start: 16,
			days: 42,
			effort: 2
		},
		comments: [
			{ at: 40, by: 'priya', body: 'We cannot run anything here without the CAB chair. Escalating to Rafael.' },
			{ at: 33, by: 'rafael', body: 'Caught. I will take it to the CAB chair and to Grace; back-brief by the end of next week.' },
			{
				at: 19,
				by: 'grace',
				body: 'Agreed with the CAB chair: the pilot is sanctioned for six weeks. I will report the numbers at the risk committee.'
			},
			{ at: 9, by: 'rafael', body: 'Back-brief from CAB: they want the weekly list as a CSV export, not another meeting.' }
		]
	},
	{
		key: 'claims-doc-service-silo',
		board: 'claims',
		lane: 'team',
		title: 'Only one person can deploy the document service',
		category: 'learning_loops',
		by: 'priya',
		owners: ['jonas'],
		created: 25,
		problem: {
			observed:
				'Jonas made 17 of the last 18 document-service deployments. During his last two weeks of leave, two fixes for failed photo uploads waited six days.',
			affected: 'Claimants uploading photos and estimates; Jonas, who is interrupted on leave.',
			frequency: 'Two or three deployments a week.'
		},
		hypothesis: {
			at: 12,
			believe: 'rotating a pair through every document-service change, with the pair writing the runbook as they go,',
			result: 'anyone on the team being able to deploy it safely.',
			signal: 'three other developers have each deployed it without help.'
		},
		comments: [{ at: 11, by: 'jonas', body: 'Happy to be the one who does not touch the keyboard for a month.' }]
	},
	{
		key: 'claims-policy-lookup',
		board: 'claims',
		lane: 'cross_team',
		title: 'Policy lookup on the claim form takes four seconds',
		category: 'architecture',
		by: 'jonas',
		owners: ['jonas', 'samir'],
		created: 34,
		problem: {
			observed:
				'The claim form calls the Policy API, which calls the mainframe policy system synchronously. p95 is 4.1 seconds and 2.3% of calls time out; claimants abandon the form at that step twice as often as at any other.',
			affected: 'Claimants (about 1,900 claims a week start online); Claims developers adding retries; Policy, whose API gets the blame.',
			frequency: 'Every claim that starts online.'
		},
		linked: { at: 33, teams: ['policy'] },
		hypothesis: {
			at: 20,
			believe: 'a read-only policy snapshot kept by Policy, fed by the nightly extract and the mainframe change feed,',
			result: 'policy lookups on the claim form answering in under 300 ms without stale cover details.',
			signal: 'lookup p95 is under 300 ms for two weeks and no claim is started against cover that had changed that day.'
		},
		comments: [
			{
				at: 18,
				by: 'samir',
				body: 'The nightly extract is fine for cover details but not for mid-term changes made today. We would need the change feed, and the mainframe team owns that.'
			},
			{ at: 10, by: 'olivia', body: 'Mainframe team can give us the change feed in their next quarterly release. Not before.' }
		]
	},
	{
		key: 'claims-dependency-upgrades',
		board: 'claims',
		lane: 'team',
		title: 'Dependency upgrades pile up for months, then take a hardening sprint',
		category: 'architecture',
		by: 'jonas',
		owners: ['jonas'],
		created: 18,
		problem: {
			observed:
				'The claims repositories have 143 outdated dependencies, 11 with known vulnerabilities. Upgrades are done twice a year in a two-week hardening sprint, and each one breaks something because so much moves at once.',
			affected: 'The claims team; security, who chase the vulnerable ones.',
			frequency: 'Continuously; paid for twice a year.'
		},
		hypothesis: {
			at: 8,
			believe: 'weekly automated dependency pull requests, grouped by risk and merged by whoever is on review duty,',
			result: 'dependencies staying current in small steps that rarely break anything.',
			signal: 'outdated dependencies fall below 20 with none vulnerable, and no upgrade needs more than an hour.'
		}
	},
	{
		key: 'claims-sprint-review',
		board: 'claims',
		lane: 'team',
		title: 'No adjuster or claimant ever comes to our sprint review',
		category: 'feedback_quality',
		by: 'mei',
		owners: ['mei'],
		created: 20,
		problem: {
			observed:
				'The last six sprint reviews were attended only by the team and the product owner. Adjuster feedback arrives through a monthly survey with a 12% response rate, three to six weeks after a change ships.',
			affected: 'The claims team, who build on guesses; the 140 adjusters.',
			frequency: 'Every fortnight.'
		},
		comments: [{ at: 14, by: 'priya', body: 'The adjuster team leaders are on the same floor as us. Could we just walk over?' }]
	},
	{
		key: 'claims-research-dpia',
		board: 'claims',
		lane: 'system',
		title: 'Each round of customer interviews waits three weeks for privacy sign-off',
		category: 'policy_delay',
		by: 'mei',
		owners: ['mei'],
		created: 22,
		problem: {
			observed:
				'Every round of five or six claimant interviews needs a new data protection impact assessment signed by the Data Protection Office. The last three rounds waited 15, 19 and 23 working days; we planned one round a month and managed three in six months.',
			affected: 'Mei and the product owner; product decisions made without talking to claimants.',
			frequency: 'Every research round.'
		},
		comments: [
			{
				at: 16,
				by: 'mei',
				body: 'The DPO team said a standing assessment for a fixed interview protocol is possible in principle, but it needs a leadership sponsor.'
			},
			{ at: 15, by: 'grace', body: 'I will sponsor it. Adding it to the barrier review.' }
		]
	},
	{
		key: 'claims-oncall-handover',
		board: 'claims',
		lane: 'team',
		title: 'On-call handovers happen in direct messages and get lost',
		category: 'learning_loops',
		by: 'jonas',
		owners: ['priya'],
		created: 15,
		problem: {
			observed:
				'In 3 of the last 5 overnight incidents the morning developer re-investigated what the night responder already knew, because the handover was a direct message to one person. About 50 minutes lost each time.',
			affected: 'Whoever picks up an incident in the morning; claimants whose claim stays stuck longer.',
			frequency: 'Roughly one overnight incident a week.'
		}
	},

	// ---------------------------------------------------------------------------------------------
	// Policy & Pricing: quote and buy, renewals, the rating engine, integration with the mainframe.
	// ---------------------------------------------------------------------------------------------
	{
		key: 'policy-rate-tables',
		board: 'policy',
		lane: 'team',
		title: 'Every pricing rule change needs a full code release',
		category: 'architecture',
		by: 'samir',
		owners: ['samir', 'kwame'],
		created: 56,
		problem: {
			observed:
				'Home insurance rate tables (postcode loadings, claims-history factors) are hard-coded in the rating engine. 21 of the last 30 releases were rate-only changes, and it takes 4 days on average from the actuaries’ sign-off to the new rates being live.',
			affected: 'Pricing analysts and actuaries; Policy developers, who spend a third of their time on rate releases.',
			frequency: 'Four to six rate changes a month.'
		},
		hypothesis: {
			at: 51,
			believe:
				'moving home rate tables into versioned configuration, validated against a schema and the actuarial regression pack,',
			result: 'rate changes going live within a day of sign-off without a code release.',
			signal: 'five consecutive rate changes go live in under a day with no pricing defect.'
		},
		experiment: {
			at: 45,
			plan:
				'Extract the home rate tables into YAML files in their own repository. Every change runs the 2,400-quote regression pack and shows the actuaries the price differences before they approve the pull request. The rating engine reloads tables without a restart.',
			boundary: 'Home insurance only; motor rates stay in code. Any change can be reverted by reverting the configuration commit.',
			start: 44,
			days: 28,
			effort: 6
		},
		evidence: [
			{
				at: 15,
				by: 'kwame',
				kind: 'measurement',
				summary: 'Seven rate changes went through the new route during the time box.',
				before: 'Median 4.0 days from sign-off to live; a code release each time',
				after: 'Median 0.6 days; no code release; 0 pricing defects; no unexpected differences in the 2,400-quote pack',
				link: `${DASHBOARDS}/d/pricing/rate-change-lead-time`,
				verdict: 'supports'
			}
		],
		evidenceAt: 14,
		adopted: {
			at: 8,
			by: 'samir',
			decision: 'Home rate tables stay in configuration. Plan the same move for motor next quarter.',
			rationale:
				'All seven changes beat the one-day target and the regression pack caught one malformed table before it reached review. The actuaries prefer reviewing the price differences to reading code.'
		},
		comments: [
			{ at: 30, by: 'olivia', body: 'Pricing team asked whether they can open the pull requests themselves. Not in this experiment; noted for later.' }
		]
	},
	{
		key: 'policy-prod-data-access',
		board: 'policy',
		lane: 'system',
		title: 'Access to production data for a defect takes nine days',
		category: 'policy_delay',
		by: 'olivia',
		owners: ['olivia', 'grace'],
		created: 55,
		problem: {
			observed:
				'Investigating a quote defect needs masked production data. Each access request goes from the service desk to the data owner to security; the median is 9 days, and in the meantime the defect is triaged on guesses. Six requests last quarter.',
			affected: 'Policy developers and product owner; customers who get a wrong quote while we wait.',
			frequency: 'Two requests a month.'
		},
		hypothesis: {
			at: 48,
			believe:
				'a standing, pre-approved masked copy of quote data (no names, postcodes truncated to the district) refreshed nightly in the analytics sandbox',
			result: 'defect investigation starting the same day, with no data protection findings.',
			signal: 'median time from defect report to first investigation is under a day over four weeks and the DPO audit finds nothing.'
		},
		experiment: {
			at: 38,
			plan:
				'Agree the masking rules with the DPO. Platform runs the nightly masked extract into the analytics sandbox; the three Policy developers get read-only access. Every query is logged. The DPO audits the log at the end.',
			boundary: 'Quote data only, never payment or claims data; read-only; access ends automatically after four weeks unless renewed.',
			start: 37,
			days: 28,
			effort: 3
		},
		evidence: [
			{
				at: 10,
				by: 'olivia',
				kind: 'measurement',
				summary: 'Five quote defects were investigated during the time box.',
				before: 'Median 9 days before investigation starts',
				after: 'Median 0.5 days',
				verdict: 'supports'
			},
			{
				at: 8,
				by: 'grace',
				kind: 'observation',
				summary: 'The DPO audited the access log (212 queries): no findings, one recommendation to drop the date-of-birth column, since done.',
				link: `${WIKI}/data-protection/audits/quote-sandbox`,
				verdict: 'supports'
			}
		],
		evidenceAt: 8,
		adopted: {
			at: 3,
			by: 'grace',
			decision: 'Standing approval for the masked quote sandbox for 12 months; any team can ask for the same pattern for its own data.',
			rationale:
				'Investigation now starts the same day instead of after nine, and the DPO’s audit found nothing. The risk is lower than before: one controlled, logged copy instead of ad hoc extracts.'
		},
		comments: [
			{ at: 52, by: 'olivia', body: 'Raised at the barrier review; Grace caught it.' },
			{ at: 4, by: 'grace', body: 'Took this to the data governance forum; the standing approval is granted for 12 months, to be reviewed after.' }
		]
	},
	{
		key: 'policy-standup',
		board: 'policy',
		lane: 'team',
		title: 'Stand-up runs 35 minutes and never gets to the improvement board',
		category: 'learning_loops',
		by: 'olivia',
		owners: ['olivia'],
		created: 42,
		problem: {
			observed:
				'Timed over ten days, stand-up averaged 34 minutes: a status round, person by person. The improvement board was discussed on 2 of the 10 days.',
			affected: 'The whole Policy team, six people, every morning.',
			frequency: 'Daily.'
		},
		hypothesis: {
			at: 41,
			believe: 'walking the board right to left (closest to done first) instead of going round the people',
			result: 'a shorter stand-up that looks at every running experiment.',
			signal: 'stand-up averages under 15 minutes and every card in Experiment is looked at each day for two weeks.'
		},
		experiment: {
			at: 39,
			plan: 'Walk the board from Adopted back to Problem; anyone with something not on the board speaks at the end. Olivia times it.',
			boundary: 'Two weeks; anyone can call a return to the old format.',
			start: 38,
			days: 14,
			effort: 1
		},
		evidence: [
			{
				at: 23,
				by: 'olivia',
				kind: 'measurement',
				summary: 'Stand-up length and whether the running experiments were discussed, over ten working days.',
				before: '34 min average; board discussed on 2 of 10 days',
				after: '13 min average; all experiments discussed on 10 of 10 days',
				verdict: 'supports'
			}
		],
		evidenceAt: 23,
		adopted: {
			at: 20,
			by: 'olivia',
			decision: 'Walking the board is how we run stand-up from now on.',
			rationale: 'Shorter, and nobody asked to go back. The two pieces of status we used to share now live on the delivery board.'
		}
	},
	{
		key: 'policy-pr-reviews',
		board: 'policy',
		lane: 'team',
		title: 'Pull requests wait a day for their first review',
		category: 'feedback_quality',
		by: 'kwame',
		owners: ['samir'],
		created: 35,
		problem: {
			observed:
				'Median time from opening a pull request to the first review is 22 working hours. Three of the six developers do 80% of the reviews.',
			affected: 'All Policy developers; work in progress piles up while people start something else.',
			frequency: 'About 15 pull requests a week.'
		},
		hypothesis: {
			at: 31,
			believe: 'a limit of two open pull requests per person, and reviews before new work at stand-up,',
			result: 'pull requests getting their first review within hours, spread across the team.',
			signal: 'median time to first review is under 4 hours for three weeks.'
		},
		experiment: {
			at: 26,
			plan: 'Limit of two open pull requests each; the board shows them. At stand-up, reviews are picked up before anyone starts new work.',
			boundary: 'Three weeks; urgent production fixes are exempt from the limit.',
			start: 25,
			days: 21,
			effort: 2
		},
		evidence: [
			{
				at: 3,
				by: 'samir',
				kind: 'measurement',
				summary: 'Time to first review from the repository data, same method as before.',
				before: 'Median 22 working hours',
				after: 'Median 5.5 working hours',
				link: `${DASHBOARDS}/d/policy/review-latency`,
				verdict: 'inconclusive'
			},
			{
				at: 2,
				by: 'kwame',
				kind: 'measurement',
				summary: 'Throughput did not drop, and reviews are spread more evenly.',
				before: '14 merged a week; top three reviewers do 80% of reviews',
				after: '15 merged a week; top three do 55%',
				verdict: 'supports'
			}
		],
		evidenceAt: 2,
		comments: [
			{ at: 2, by: 'samir', body: 'Much better, but not at target. Proposal: two more weeks with paired reviews before we decide.' }
		]
	},
	{
		key: 'policy-rating-pack-speed',
		board: 'policy',
		lane: 'team',
		title: 'The rating regression pack takes 50 minutes, so people skip it',
		category: 'deployment_safety',
		by: 'kwame',
		owners: ['kwame'],
		created: 33,
		problem: {
			observed:
				'The 2,400-quote regression pack runs serially and takes 50 minutes. In the last month it was skipped on 9 pull requests "because it was only a small change"; one of those shipped a wrong excess for flat roofs.',
			affected: 'Policy developers; customers quoted with a wrong excess for four days.',
			frequency: 'Every pull request that touches rating.'
		},
		hypothesis: {
			at: 28,
			believe: 'splitting the pack across eight parallel CI runners',
			result: 'the pack being fast enough that nobody skips it.',
			signal: 'the pack runs in under 10 minutes and is skipped on no pull request for three weeks.'
		},
		experiment: {
			at: 24,
			plan: 'Shard the pack by product and region into eight groups and run them in parallel; make the pack a required check on rating changes.',
			boundary: 'Uses the existing runner pool; if the shards starve other teams’ builds, fall back to four runners.',
			start: 23,
			days: 14,
			effort: 3
		},
		evidence: [
			{
				at: 7,
				by: 'kwame',
				kind: 'measurement',
				summary: 'Run time and skipped runs over two weeks.',
				before: '50 min; skipped on 9 pull requests a month',
				after: '9 min; skipped on none (it is now required)',
				verdict: 'supports'
			}
		],
		evidenceAt: 6,
		comments: [
			{ at: 5, by: 'samir', body: 'At peak time our eight shards queued Platform’s own builds twice. Agreeing a bigger runner pool with Lena before we adopt.' }
		]
	},
	{
		key: 'policy-renewal-batch',
		board: 'policy',
		lane: 'cross_team',
		title: 'The nightly renewal batch overruns into business hours and slows quotes',
		category: 'dependencies',
		by: 'samir',
		owners: ['samir', 'diego'],
		created: 44,
		problem: {
			observed:
				'The renewal pricing batch runs on the shared quote database from 01:00 and normally ends by 07:30, but it overran to as late as 10:40 on 7 of the last 20 nights. During an overrun quote p95 goes from 2.8 to 9 seconds and deploys of the quote service are blocked.',
			affected: 'Customers and brokers quoting in the morning; Policy, who cannot deploy; Platform, who get paged.',
			frequency: 'About two mornings a week.'
		},
		linked: { at: 43, teams: ['platform'] },
		hypothesis: {
			at: 38,
			believe: 'running the renewal batch against a read replica on Platform’s managed PostgreSQL',
			result: 'the batch no longer affecting quotes or deploys, however long it runs.',
			signal: 'quote p95 stays under 3 seconds during the batch on 15 consecutive nights.'
		},
		experiment: {
			at: 13,
			plan:
				'Platform creates a read replica of the quote database; the batch reads from the replica and writes its results to a staging table that is merged at 07:00. Compare quote latency on batch nights with the last month.',
			boundary: 'Renewals due in the next 30 days only; the old path stays ready to switch back within an hour.',
			start: 12,
			days: 28,
			effort: 3,
			shares: { platform: { by: 'diego', effort: 2 } }
		},
		comments: [
			{ at: 36, by: 'lena', body: 'A replica costs about £1,100 a month. We need a budget owner before we can create it.' },
			{ at: 35, by: 'olivia', body: 'Raised with Rafael for the new improvement pot.' },
			{ at: 15, by: 'rafael', body: 'Funded from the leadership improvement pot for the length of the experiment.' },
			{ at: 4, by: 'diego', body: 'Eight nights in, no overruns into the morning. Replica lag peaked at 14 minutes once, which the batch tolerates.' }
		]
	},
	{
		key: 'policy-analytics-events',
		board: 'policy',
		lane: 'team',
		title: 'Quote journey analytics events are missing or duplicated',
		category: 'feedback_quality',
		by: 'olivia',
		owners: ['kwame', 'olivia'],
		created: 28,
		problem: {
			observed:
				'18% of quote sessions send "quote_started" twice, and nothing fires between "payment_shown" and "policy_bought", so we cannot tell where people abandon at payment. Product decisions on the quote journey are made on hunches.',
			affected: 'The product owner and the pricing team; the customers we fail to learn from.',
			frequency: 'Every quote, about 11,000 a week.'
		},
		hypothesis: {
			at: 18,
			believe: 'an event contract for the nine funnel steps, checked by tests in CI,',
			result: 'funnel data we trust enough to decide on.',
			signal: 'the duplicate rate is under 1% and all nine steps are reported for two weeks.'
		},
		experiment: {
			at: 10,
			plan: 'Write the nine events and their properties as a JSON schema; Playwright journeys assert each event once, in order. Fix what fails.',
			boundary: 'Quote journey only; no new analytics tool; no change to the consent banner.',
			start: 9,
			days: 21,
			effort: 3
		}
	},
	{
		key: 'policy-pricing-committee',
		board: 'policy',
		lane: 'system',
		title: 'Small pricing changes wait for the monthly pricing committee',
		category: 'decision_boundaries',
		by: 'olivia',
		owners: ['olivia', 'grace'],
		created: 49,
		problem: {
			observed:
				'Every change to rating factors, even a 1% move inside bands the committee already approved, waits for the monthly pricing committee. From analysis to decision takes 17 days on average; last quarter we missed two competitors’ price moves entirely.',
			affected: 'Pricing analysts, the Policy team, and the sales team losing quotes on aggregator sites.',
			frequency: 'Three to five changes a month.'
		},
		hypothesis: {
			at: 40,
			believe:
				'delegating changes within ±3% of the approved bands to the lead actuary, with a weekly written notice to the committee,',
			result: 'pricing decisions within three working days without losing oversight.',
			signal: 'for four weeks every delegated change is decided in under three days and the committee reverses none.'
		},
		experiment: {
			at: 6,
			plan:
				'The lead actuary decides changes within ±3% and records each decision with its analysis on this board; the committee receives a weekly summary and can reverse any decision.',
			boundary: 'Home insurance only, ±3% of approved bands, six weeks. Anything outside the band still goes to the committee.',
			start: 5,
			days: 42,
			effort: 1
		},
		comments: [
			{ at: 39, by: 'olivia', body: 'Cost of delay from the two missed competitor moves: about £48,000 of premium, from the aggregator data.' },
			{ at: 30, by: 'grace', body: 'Caught. The committee meets next week; I will put the proposal to them with your numbers.' },
			{
				at: 7,
				by: 'grace',
				body: 'The committee agreed to trial delegation within ±3% for six weeks. The cost-of-delay numbers made the case.'
			}
		]
	},
	{
		key: 'policy-test-policies',
		board: 'policy',
		lane: 'team',
		title: 'Test policies on the mainframe are created by hand every sprint',
		category: 'dependencies',
		by: 'kwame',
		owners: ['kwame'],
		created: 24,
		problem: {
			observed:
				'The mainframe test region is refreshed once a quarter, after which test policies lapse. Developers spend three to five days a sprint keying test policies through green-screen transactions.',
			affected: 'Policy developers; Claims, who borrow our test policies.',
			frequency: 'Every sprint.'
		},
		hypothesis: {
			at: 15,
			believe: 'a script that generates test policies through the mainframe’s batch input file',
			result: 'test data available on demand instead of by hand.',
			signal: 'a developer gets 50 valid test policies in under an hour, three sprints running.'
		},
		experiment: {
			at: 2,
			plan:
				'Build a generator for the 12 policy shapes we use most and submit them as a batch input file through the mainframe team’s overnight job. Share the output with Claims.',
			boundary: 'Test region only; the mainframe team reviews the input file before the first run.',
			start: -4,
			days: 21,
			effort: 3
		}
	},
	{
		key: 'policy-uat-defects',
		board: 'policy',
		lane: 'team',
		title: 'Quote defects are found in UAT, two weeks after the code was written',
		category: 'feedback_quality',
		by: 'samir',
		owners: ['kwame', 'samir'],
		created: 53,
		problem: {
			observed:
				'64% of quote defects last quarter were found in the business acceptance window, on average 11 days after the code was written, by which time the developer had moved on.',
			affected: 'Policy developers; the business testers in underwriting; release dates.',
			frequency: 'Eight to twelve defects a release.'
		},
		hypothesis: {
			at: 50,
			believe: 'inviting the business testers to our fortnightly sprint demo',
			result: 'defects found inside the sprint in which they were made.',
			signal: 'at least half of quote defects are found in-sprint over two sprints.'
		},
		experiment: {
			at: 47,
			plan: 'Two underwriting testers join each demo and try the changes live with us afterwards for 30 minutes.',
			boundary: 'Two sprints; the testers’ time is agreed with their manager (two hours a fortnight).',
			start: 46,
			days: 28,
			effort: 2
		},
		evidence: [
			{
				at: 17,
				by: 'kwame',
				kind: 'measurement',
				summary:
					'Share of defects found in-sprint barely moved. Watching the sessions: demos show the happy path, and the testers find edge cases (mid-term changes, multi-car discounts) that a demo never reaches.',
				before: '36% found in-sprint',
				after: '38% found in-sprint',
				verdict: 'refutes'
			}
		],
		evidenceAt: 17,
		revisited: {
			at: 15,
			by: 'kwame',
			believe:
				'turning the 40 edge-case scenarios the testers used in last year’s acceptance testing into automated acceptance tests that run on every pull request',
			result: 'edge-case defects caught before the code is merged.',
			signal: 'at least half of quote defects are found before merge over two sprints.'
		},
		comments: [
			{
				at: 16,
				by: 'kwame',
				body: 'The demos were not the problem: testers catch edge cases, demos show the happy path. Back to Hypothesis with a new angle.'
			},
			{ at: 14, by: 'samir', body: 'Agreed. The testers are keen to help write the scenarios.' }
		]
	},
	{
		key: 'policy-broker-integrations',
		board: 'policy',
		lane: 'team',
		title: 'Nobody knows which broker integrations are still used',
		category: 'architecture',
		by: 'samir',
		owners: ['samir'],
		created: 18,
		problem: {
			observed:
				'We maintain 14 broker XML integrations. Traffic logs show 5 with no calls in 90 days, but each still gets changed and tested for every rating change.',
			affected: 'Policy developers; the broker relations team.',
			frequency: 'Every rating change (four to six a month).'
		},
		hypothesis: {
			at: 9,
			believe: 'switching off the five silent integrations after telling the brokers, with a one-week switch-back window,',
			result: 'less work per rating change and no lost business.',
			signal: 'no broker asks for an integration back within a month and rating changes need 35% less integration testing.'
		},
		comments: [{ at: 8, by: 'olivia', body: 'Broker relations confirmed two of the five brokers were acquired last year.' }]
	},
	{
		key: 'policy-address-contract',
		board: 'policy',
		lane: 'cross_team',
		title: 'Address lookup changes break the claim form without warning',
		category: 'dependencies',
		by: 'samir',
		owners: ['samir', 'jonas'],
		created: 26,
		problem: {
			observed:
				'Policy owns the address lookup service. Two of our changes in six weeks (a renamed postcode field, a new mandatory flag) broke the Claims form; claimants found both.',
			affected: 'Claimants; the Claims team, who learn about our changes from incidents.',
			frequency: 'Roughly one breaking change every three weeks.'
		},
		linked: { at: 26, teams: ['claims'] },
		comments: [{ at: 25, by: 'jonas', body: 'Happy to write the consumer side. We call six endpoints of the address lookup.' }]
	},
	{
		key: 'policy-project-funding',
		board: 'policy',
		lane: 'system',
		title: 'Quote and buy has no budget for upkeep since its project closed',
		category: 'policy_delay',
		by: 'olivia',
		owners: ['olivia'],
		created: 30,
		problem: {
			observed:
				'Quote and buy was built by a nine-month project. Since the project closed fourteen months ago its upkeep is funded from the run budget, which covers half a person. There are 47 known defects and three libraries out of support.',
			affected: 'Customers meeting the known defects; Policy, who fix them in protected improvement time.',
			frequency: 'Every funding cycle since the project closed.'
		},
		comments: [
			{ at: 21, by: 'rafael', body: 'This is the project funding model, not the team. It belongs with the funding-cycle work on the leadership board.' }
		]
	},
	{
		key: 'policy-retro-actions',
		board: 'policy',
		lane: 'team',
		title: 'Retrospectives produce the same actions every fortnight',
		category: 'learning_loops',
		by: 'olivia',
		owners: ['olivia'],
		created: 16,
		problem: {
			observed:
				'In the last six retrospectives "improve test data" came up five times and "too many meetings" four times. Two of the seventeen retro actions were done.',
			affected: 'The Policy team, whose retrospectives are starting to feel pointless.',
			frequency: 'Every fortnight.'
		},
		comments: [{ at: 15, by: 'olivia', body: 'Proposal: retro actions go onto this board as problems, so each has an owner and a hypothesis.' }]
	},

	// ---------------------------------------------------------------------------------------------
	// Platform: CI/CD, the Kubernetes clusters, observability, environments.
	// ---------------------------------------------------------------------------------------------
	{
		key: 'platform-build-cache',
		board: 'platform',
		lane: 'team',
		title: 'A merge takes 38 minutes to become a deployable artefact',
		category: 'deployment_safety',
		by: 'diego',
		owners: ['diego'],
		created: 55,
		problem: {
			observed:
				'Median build time on the shared Jenkins is 38 minutes, of which 22 are dependency downloads and Docker layers rebuilt from scratch on every run.',
			affected: 'Every team: about 160 builds a day.',
			frequency: 'Every build.'
		},
		hypothesis: {
			at: 47,
			believe: 'caching dependencies and Docker layers on the build runners',
			result: 'builds fast enough that people wait for them instead of switching tasks.',
			signal: 'median build time is under 15 minutes for two weeks with fewer than 1% cache-related failures.'
		},
		experiment: {
			at: 41,
			plan: 'Add a shared dependency cache and BuildKit layer caching to the runners; Claims and Policy volunteered their repositories.',
			boundary: 'Opt-in per repository; any developer can purge the cache; no change to test stages.',
			start: 40,
			days: 21,
			effort: 5
		},
		evidence: [
			{
				at: 18,
				by: 'diego',
				kind: 'measurement',
				summary: 'Build times for the volunteering repositories, three weeks before and during.',
				before: 'Median 38 min',
				after: 'Median 13 min; 0.4% of builds failed on the cache and passed after a purge',
				link: `${DASHBOARDS}/d/platform/build-times`,
				verdict: 'supports'
			}
		],
		evidenceAt: 17,
		adopted: {
			at: 10,
			by: 'lena',
			decision: 'Caching is on by default for every repository; opting out stays possible.',
			rationale: 'A 25-minute saving on 160 builds a day, with a failure rate well under the 1% limit and a one-click fix.'
		}
	},
	{
		key: 'platform-build-duplicate',
		board: 'platform',
		lane: 'team',
		title: 'Builds too slow',
		category: 'deployment_safety',
		by: 'hannah',
		owners: ['hannah'],
		created: 54,
		problem: { observed: 'Policy complained again that builds take forever.', affected: 'Everyone.', frequency: 'Daily.' },
		comments: [{ at: 53, by: 'lena', body: 'Same as Diego’s card about the 38-minute build. Archiving.' }],
		archived: { at: 53, by: 'lena' }
	},
	{
		key: 'platform-pen-test',
		board: 'platform',
		lane: 'system',
		title: 'Every new service waits five weeks for a penetration test',
		category: 'policy_delay',
		by: 'lena',
		owners: ['lena', 'rafael'],
		created: 50,
		problem: {
			observed:
				'Security policy requires an external penetration test before any new internet-facing service goes live. Booking takes five weeks. Three services waited an average of 34 days in the last six months; all three tests found only low-severity issues.',
			affected: 'Every team launching a service; customers waiting for the features behind them.',
			frequency: 'About one new service a month across the unit.'
		},
		hypothesis: {
			at: 45,
			believe:
				'threat modelling with security in the design week plus automated dynamic scanning in the pipeline, keeping external tests for high-risk services,',
			result: 'low-risk services going live without the wait and without more security findings.',
			signal: 'two services go live this way and a retrospective external test finds nothing the scanning missed.'
		},
		experiment: {
			at: 37,
			plan:
				'Security runs a two-hour threat-modelling session for each new low-risk service; OWASP ZAP runs on every deploy to test. The external firm tests one of the services afterwards, to compare.',
			boundary: 'Services without payment or personal data only; the CISO can stop the experiment at any time.',
			start: 36,
			days: 28,
			effort: 3
		},
		evidence: [
			{
				at: 7,
				by: 'lena',
				kind: 'measurement',
				summary: 'Two services (document preview, broker status) went live through the new route.',
				before: '34 days on average from ready to live',
				after: '6 and 9 days',
				verdict: 'supports'
			},
			{
				at: 5,
				by: 'rafael',
				kind: 'observation',
				summary: 'The external firm’s retrospective test of document preview found two low-severity issues, both already reported by the scanner.',
				link: `${WIKI}/security/pen-tests/document-preview`,
				verdict: 'supports'
			}
		],
		evidenceAt: 5,
		adopted: {
			at: 2,
			by: 'rafael',
			decision: 'The CISO approved a risk-tiered policy: external tests are required for tier-1 services (payment or personal data) only.',
			rationale:
				'Both services launched four weeks sooner and the comparison test found nothing new. Security keeps its attention on the services that carry real risk.'
		},
		comments: [
			{ at: 44, by: 'rafael', body: 'Caught: the CISO is willing to sponsor this. She wants a retrospective external test as the proof.' },
			{ at: 4, by: 'hannah', body: 'Threat models are on the wiki; Policy asked to use the template for their broker API.' }
		]
	},
	{
		key: 'platform-golden-pipeline',
		board: 'platform',
		lane: 'cross_team',
		title: 'Every team maintains its own pipeline scripts',
		category: 'architecture',
		by: 'hannah',
		owners: ['hannah', 'lena'],
		created: 46,
		problem: {
			observed:
				'Four teams keep four hand-written Jenkinsfiles of 300 to 900 lines. Last quarter the same security patch had to be made four times, which took six days across the teams.',
			affected: 'Every delivery team; Platform, who are asked to debug pipelines they did not write.',
			frequency: 'A cross-cutting pipeline change every month or so.'
		},
		linked: { at: 45, teams: ['claims', 'policy'] },
		hypothesis: {
			at: 40,
			believe: 'a shared pipeline template (build, test, scan, deploy) with extension points for each team',
			result: 'a platform change reaching every repository in a day instead of a week.',
			signal: 'Claims and Policy run on the template and a template change reaches both within a day.'
		},
		experiment: {
			at: 32,
			plan: 'Publish the template as a shared library; Claims moves claims-api and Policy moves quote-service onto it. Roll out one real change through it.',
			boundary: 'Two services; each team keeps its old Jenkinsfile on a branch for a quick switch back.',
			start: 31,
			days: 21,
			effort: 4,
			shares: { claims: { by: 'jonas', effort: 1 }, policy: { by: 'kwame', effort: 1 } }
		},
		evidence: [
			{
				at: 11,
				by: 'hannah',
				kind: 'measurement',
				summary: 'Rolled out a new SBOM-generation step through the template.',
				before: '6 days to change four pipelines',
				after: '3 hours to reach 7 repositories',
				verdict: 'supports'
			},
			{
				at: 10,
				by: 'kwame',
				kind: 'observation',
				summary: 'Policy’s mainframe deploy step needed an escape hatch; 40 lines of custom pipeline code remain outside the template.',
				verdict: 'inconclusive'
			}
		],
		evidenceAt: 10,
		adopted: {
			at: 4,
			by: 'lena',
			decision: 'The shared template is the default for new services; existing services move when they next change their pipeline.',
			rationale:
				'The SBOM change reached seven repositories in three hours instead of six days. The escape hatch kept Policy’s special case without forking the template.'
		},
		comments: [{ at: 9, by: 'samir', body: 'Fine with the escape hatch as long as it is documented next to the template.' }]
	},
	{
		key: 'platform-alert-noise',
		board: 'platform',
		lane: 'team',
		title: '1,400 alerts a week, of which about 3% need anyone to act',
		category: 'feedback_quality',
		by: 'diego',
		owners: ['diego', 'hannah'],
		created: 38,
		problem: {
			observed:
				'The operations channel receives about 1,400 alerts a week. In a sample of 200, six needed action. People have muted the channel, and two real outages were noticed late last month.',
			affected: 'Whoever is on call; every team whose outage was noticed late.',
			frequency: 'Constantly.'
		},
		hypothesis: {
			at: 33,
			believe: 'deleting alerts that have no runbook and alerting on SLO burn rate for the six customer journeys instead',
			result: 'an alert channel people read because most alerts need action.',
			signal: 'fewer than 100 alerts a week, at least half of them actionable, for three weeks.'
		},
		experiment: {
			at: 25,
			plan: 'Delete alerts without a runbook (after a week in a shadow channel). Define SLOs and burn-rate alerts for quote, buy, claim, claim tracker, broker API and login.',
			boundary: 'Infrastructure alerts for databases stay as they are; any deleted alert can be restored the same day.',
			start: 24,
			days: 21,
			effort: 3
		},
		evidence: [
			{
				at: 3,
				by: 'diego',
				kind: 'measurement',
				summary: 'Alert volume and the share that led to an action, over the last two weeks of the time box.',
				before: '~1,400 alerts a week; 3% actionable',
				after: '85 alerts a week; 61% actionable',
				link: `${DASHBOARDS}/d/platform/alert-quality`,
				verdict: 'supports'
			},
			{
				at: 2,
				by: 'hannah',
				kind: 'observation',
				summary:
					'A batch host ran out of disk on Tuesday night and nobody was alerted: its disk alert had been deleted with the noisy ones. Caught by the morning batch check.',
				verdict: 'inconclusive'
			}
		],
		evidenceAt: 2,
		comments: [{ at: 1, by: 'lena', body: 'Restore disk alerts for batch hosts before we decide anything.' }]
	},
	{
		key: 'platform-cloud-approvals',
		board: 'platform',
		lane: 'system',
		title: 'Any cloud spend over £500 a month needs the CFO’s signature',
		category: 'decision_boundaries',
		by: 'lena',
		owners: ['lena', 'grace'],
		created: 43,
		problem: {
			observed:
				'A new cloud resource costing more than £500 a month needs a purchase request signed by the CFO. The median wait is 12 working days; all four requests this quarter were approved. The ephemeral environments experiment waited nine days for a decision on a £400 cap.',
			affected: 'Platform and every team that needs infrastructure; experiments that cannot start.',
			frequency: 'One or two requests a month.'
		},
		hypothesis: {
			at: 35,
			believe: 'a quarterly cloud budget per team, with an alert at 80% and a monthly review with finance,',
			result: 'teams provisioning what they need within a day while spend stays inside the budget.',
			signal: 'requests are met within a day for eight weeks and no team goes over its budget.'
		},
		experiment: {
			at: 11,
			plan:
				'Platform and Claims each get £6,000 for the quarter, tagged by team. The cost dashboard alerts at 80%. Finance reviews it with us monthly instead of approving each request.',
			boundary: 'Two teams, eight weeks, £6,000 each; anything above goes through the normal process.',
			start: 10,
			days: 56,
			effort: 2
		},
		comments: [
			{ at: 34, by: 'lena', body: 'Escalated: the £400 decision for Claims’ environments took nine days.' },
			{ at: 27, by: 'grace', body: 'Caught. Meeting the CFO on Thursday with the numbers from the last four requests.' },
			{ at: 12, by: 'grace', body: 'Finance agreed to an eight-week trial. Victor will watch the cost dashboard with us.' }
		]
	},
	{
		key: 'platform-k8s-upgrades',
		board: 'platform',
		lane: 'team',
		title: 'Kubernetes upgrades are a three-week, all-hands event',
		category: 'deployment_safety',
		by: 'hannah',
		owners: ['hannah'],
		created: 33,
		problem: {
			observed:
				'The last two cluster upgrades took 19 and 23 days, stopped other platform work, and each caused an outage when an API that had been removed was still in use.',
			affected: 'Platform; every team whose service went down.',
			frequency: 'Three times a year.'
		},
		hypothesis: {
			at: 26,
			believe: 'upgrading by building a new cluster next to the old one and scanning manifests for removed APIs beforehand',
			result: 'upgrades that take days and cause no outage.',
			signal: 'the next upgrade is done within five working days with no outage.'
		},
		experiment: {
			at: 15,
			plan: 'Build the new cluster from code; scan every manifest with a deprecated-API checker; move services team by team with weighted DNS.',
			boundary: 'Non-production cluster first; production only when test has run on the new cluster for a week.',
			start: 14,
			days: 28,
			effort: 3
		},
		comments: [{ at: 7, by: 'hannah', body: 'The scan found 11 manifests using removed APIs, 9 of them in Claims. Pull requests raised.' }]
	},
	{
		key: 'platform-onboarding',
		board: 'platform',
		lane: 'team',
		title: 'New joiners take three weeks to make their first production change',
		category: 'learning_loops',
		by: 'lena',
		owners: ['lena'],
		created: 29,
		problem: {
			observed:
				'For the last five joiners across the unit, the median time to a first production change was 16 working days, 40% of it waiting for access to nine separate systems.',
			affected: 'New joiners; the people who onboard them.',
			frequency: 'About two joiners a month.'
		},
		hypothesis: {
			at: 20,
			believe: 'an access bundle requested by the hiring manager before the start date, and a "first day deploy" guide,',
			result: 'new joiners shipping something small in their first week.',
			signal: 'the next two joiners make a production change within five working days.'
		},
		experiment: {
			at: 8,
			plan: 'Define the bundle for each role with the service desk; write the guide around a real, tiny change (a typo on the status page).',
			boundary: 'The next two joiners only; no change to security approval of access.',
			start: 7,
			days: 35,
			effort: 2
		}
	},
	{
		key: 'platform-staging-drift',
		board: 'platform',
		lane: 'team',
		title: 'Nobody trusts what staging tells them',
		category: 'feedback_quality',
		by: 'diego',
		owners: ['diego'],
		created: 27,
		problem: {
			observed:
				'A diff last month found 23 configuration differences between staging and production. 4 of the last 10 production incidents had "passed in staging".',
			affected: 'Every team testing in staging.',
			frequency: 'Drift grows every week.'
		},
		hypothesis: {
			at: 13,
			believe: 'generating staging configuration from production configuration with a short, explicit list of overrides',
			result: 'staging behaving like production.',
			signal: 'the weekly diff shows only the listed overrides for four weeks.'
		}
	},
	{
		key: 'platform-secrets',
		board: 'platform',
		lane: 'team',
		title: 'Service secrets are rotated by hand every 90 days',
		category: 'deployment_safety',
		by: 'hannah',
		owners: ['hannah'],
		created: 21,
		problem: {
			observed:
				'62 service secrets are rotated by hand each quarter. The last rotation took three person-days and caused a 40-minute outage when one consumer was missed.',
			affected: 'Platform; the services of a missed consumer.',
			frequency: 'Quarterly, and whenever someone leaves.'
		},
		hypothesis: {
			at: 9,
			believe: 'short-lived database credentials issued by the vault for the five busiest services',
			result: 'rotation without anyone doing it by hand.',
			signal: 'those five services run for a month with credentials no older than 24 hours and no outage.'
		}
	},
	{
		key: 'platform-log-search',
		board: 'platform',
		lane: 'team',
		title: 'Searching logs during an incident takes minutes per query',
		category: 'feedback_quality',
		by: 'diego',
		owners: ['diego'],
		created: 23,
		problem: {
			observed:
				'A query over 14 days of logs in the self-hosted ELK takes two to four minutes, and logs are kept for 14 days only. Incidents that need older logs stay unexplained.',
			affected: 'Whoever investigates an incident; teams waiting for a root cause.',
			frequency: 'Every incident; about six a month.'
		},
		hypothesis: {
			at: 10,
			believe: 'moving application logs to the managed log service with 30 days retention',
			result: 'answers during the incident rather than after it.',
			signal: 'p95 query time is under 10 seconds and cost stays under £900 a month.'
		}
	},
	{
		key: 'platform-runbooks',
		board: 'platform',
		lane: 'team',
		title: 'Runbooks live in four different places',
		category: 'learning_loops',
		by: 'diego',
		owners: ['diego'],
		created: 19,
		problem: {
			observed:
				'Runbooks are spread over the wiki, repository READMEs, SharePoint and a shared drive. In the last three incidents the responder spent 10 to 25 minutes finding the right one.',
			affected: 'On-call engineers in every team.',
			frequency: 'Every incident.'
		}
	},
	{
		key: 'platform-capex',
		board: 'platform',
		lane: 'system',
		title: 'The infrastructure budget can only be spent on hardware',
		category: 'policy_delay',
		by: 'lena',
		owners: ['lena'],
		created: 25,
		problem: {
			observed:
				'The £240,000 infrastructure budget is capital for hardware; cloud is operating spend, capped at last year’s level. We keep renewing two on-premises database servers to use the budget while the migration that would retire them stalls.',
			affected: 'Platform; every team still on the on-premises databases.',
			frequency: 'Every budget year; the next server renewal is due in five months.'
		},
		comments: [
			{ at: 17, by: 'ada', body: 'Victor says the capital/operating split is set by group finance. This needs Grace.' },
			{ at: 16, by: 'grace', body: 'Seen. It goes with the funding-cycle work on the leadership board.' }
		]
	},
	{
		key: 'platform-certificates',
		board: 'platform',
		lane: 'team',
		title: 'Customers tell us when a certificate has expired',
		category: 'deployment_safety',
		by: 'hannah',
		owners: ['hannah'],
		created: 15,
		problem: {
			observed:
				'Two TLS certificates expired in eight months (broker API, document service); users reported both. Certificates are tracked in a spreadsheet last updated five months ago.',
			affected: 'Brokers and claimants; the team on call.',
			frequency: 'Two incidents in eight months; about 40 certificates to watch.'
		}
	},

	// ---------------------------------------------------------------------------------------------
	// Leadership: the leaders' own improvement work.
	// ---------------------------------------------------------------------------------------------
	{
		key: 'leadership-barrier-review',
		board: 'leadership',
		lane: 'team',
		title: 'Escalations wait up to four weeks for the monthly steering committee',
		category: 'decision_boundaries',
		by: 'grace',
		owners: ['grace'],
		created: 56,
		problem: {
			observed:
				'Barriers teams raise go to the monthly digital steering committee. Last quarter nine escalations waited a median of 19 days for a first answer; three were withdrawn because the teams worked around them.',
			affected: 'Every team with a system-level barrier; leaders, who hear about problems when they are old.',
			frequency: 'Three or four escalations a month.'
		},
		hypothesis: {
			at: 53,
			believe:
				'a 30-minute fortnightly review of every team’s System lane, where a named leader catches each new item within 48 hours with a back-brief,',
			result: 'teams getting an answer while the problem still matters.',
			signal: 'the median time to a first response is under five working days over six weeks.'
		},
		experiment: {
			at: 49,
			plan: 'Grace and Rafael walk the System lanes every other Tuesday at 08:30; each new item gets an owner and a back-brief in two days.',
			boundary: 'Six weeks; the steering committee keeps its monthly meeting for funding decisions.',
			start: 48,
			days: 42,
			effort: 2
		},
		evidence: [
			{
				at: 6,
				by: 'rafael',
				kind: 'measurement',
				summary: 'Eleven system items reviewed during the six weeks.',
				before: 'Median 19 days to a first response',
				after: 'Median 3 days',
				verdict: 'supports'
			},
			{
				at: 5,
				by: 'grace',
				kind: 'observation',
				summary: 'Teams raised eight new system items in six weeks, against three in the whole previous quarter: people escalate once they see answers.',
				verdict: 'supports'
			}
		],
		evidenceAt: 5,
		adopted: {
			at: 3,
			by: 'grace',
			decision: 'The fortnightly barrier review continues; the steering committee keeps only funding decisions.',
			rationale: 'Response time fell from 19 days to 3 and teams are bringing more barriers, not fewer. The review costs two leaders an hour a fortnight.'
		}
	},
	{
		key: 'leadership-funding-cycle',
		board: 'leadership',
		lane: 'system',
		title: 'The quarterly funding cycle holds improvement work for up to 13 weeks',
		category: 'policy_delay',
		by: 'rafael',
		owners: ['grace', 'rafael'],
		created: 44,
		problem: {
			observed:
				'Improvement work that needs money (tools, environments, a few contractor days) waits for the quarterly portfolio board. Five requests last year waited 6 to 13 weeks; the average request was £14,000.',
			affected: 'Every team; experiments that lose their moment while they wait.',
			frequency: 'A request every month or two, decided four times a year.'
		},
		hypothesis: {
			at: 33,
			believe: 'a ring-fenced £60,000 a quarter for improvement, released by leadership at the barrier review in amounts up to £15,000,',
			result: 'funded experiments starting within two weeks of the request.',
			signal: 'every request in the quarter is decided within two weeks and the pot is at least half used.'
		},
		experiment: {
			at: 21,
			plan: 'The CFO ring-fences £60,000 for the quarter. Teams ask on their card; leadership decides at the next barrier review and records the decision there.',
			boundary: 'One quarter; nothing over £15,000 per request; the portfolio board sees every decision.',
			start: 20,
			days: 84,
			effort: 1
		},
		comments: [
			{ at: 16, by: 'rafael', body: 'First release from the pot: £1,100 a month for the read replica behind Policy’s renewal batch experiment.' },
			{ at: 14, by: 'grace', body: 'Platform’s capital budget problem and Policy’s upkeep funding are the same root cause. Keeping them together here.' }
		]
	},
	{
		key: 'leadership-capacity-raids',
		board: 'leadership',
		lane: 'team',
		title: 'Protected improvement time was raided in three of the last four sprints',
		category: 'other',
		by: 'grace',
		owners: ['rafael'],
		created: 30,
		problem: {
			observed:
				'Teams protect 15% of their time for improvement. In three of the last four sprints that time went to renewal-season delivery, each time at a leader’s request; experiments were paused for 9 of the last 16 weeks.',
			affected: 'All three teams, and their trust that protected time is protected.',
			frequency: 'Most sprints during the renewal peak.'
		},
		hypothesis: {
			at: 16,
			believe: 'requiring a director’s written reason on the board for every raid, and paying the time back in the next sprint,',
			result: 'raids becoming rare and visible instead of routine and silent.',
			signal: 'no more than one raid a month across the three teams and every raid paid back within a sprint.'
		}
	},
	{
		key: 'leadership-witness',
		board: 'leadership',
		lane: 'team',
		title: 'Leaders see improvement work only on monthly slides',
		category: 'learning_loops',
		by: 'grace',
		owners: ['grace'],
		created: 17,
		problem: {
			observed:
				'Last quarter no leader attended a team stand-up. Improvement status reached leadership as a red-amber-green slide once a month; the steering committee did not know about two changes teams had already adopted.',
			affected: 'Leaders, who decide without seeing the work; teams, whose work goes unnoticed.',
			frequency: 'Every month.'
		},
		comments: [{ at: 12, by: 'grace', body: 'Starting with a wall display in the third-floor corridor, and each of us visits one stand-up a week.' }]
	},
	{
		key: 'leadership-group-risk',
		board: 'leadership',
		lane: 'system',
		title: 'Group IT risk policy treats every change as high risk',
		category: 'policy_delay',
		by: 'rafael',
		owners: ['rafael'],
		created: 16,
		problem: {
			observed:
				'Group IT risk policy v4.2 classes every production change as high risk. The CAB, penetration-test and data-access rules all follow from it, and we are working around it one local pilot at a time.',
			affected: 'Every team; Kestrel’s risk function, which approves thousands of low-risk changes by hand.',
			frequency: 'Every change.'
		},
		comments: [
			{ at: 9, by: 'rafael', body: 'Evidence from the CAB pilot (Claims) and the penetration-test change (Platform) will go to Group Risk together.' }
		]
	}
];
