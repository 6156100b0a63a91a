package news

import "time"

// Story is a cluster of articles about the same event.
type Story struct {
	ID              string
	Headline        string // from its most representative article
	LeadArticleID   string
	FirstReportedAt time.Time
	FirstSourceID   string
	LastUpdatedAt   time.Time
	Size            int      // articles, duplicates included
	Sources         []string // distinct source IDs, first reporter first
	Hashtags        []string
}

// Related is one related article with the reason a reader can be shown.
type Related struct {
	ArticleID   string
	Title       string
	SourceID    string
	SourceName  string
	PublishedAt time.Time
	Excerpt     string
	Reason      string   // human-readable, e.g. "نفس القصة" or "#أوبك · #النفط"
	Shared      []string // shared hashtags/entities behind the reason
	SameStory   bool
	Score       float64
}

// Analysis is everything the newsroom derives for one article; the store
// saves it atomically.
type Analysis struct {
	ArticleID   string
	DuplicateOf string
	WireAgency  string
	StoryID     string
	Hashtags    []string
	Related     []Related
}

// StoryUpdate is the new state of a story after an article joined it, or
// after two stories merged (MergedInto set on the absorbed one).
type StoryUpdate struct {
	Story      Story
	MergedInto string // non-empty: this story was absorbed; its articles move
}

// HashtagTrend is a hashtag with its recent rise.
type HashtagTrend struct {
	Tag      string
	Recent   int     // articles in the recent window
	Baseline float64 // expected count from the longer window
	Score    float64 // rise score, higher trends more
}

// StoryFilter selects stories, largest and freshest first.
type StoryFilter struct {
	Since    time.Time // stories updated after this
	MinSize  int
	Limit    int
	Offset   int
	Language string
}
