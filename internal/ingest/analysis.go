package ingest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nashra/nashra/internal/news"
)

// The newsroom stage. Committed articles reach the newsroom as jobs, one per
// commit, in commit order, and pass three goroutines:
//
//	prepare: the newsroom's text work (SplitNewsroom.Prepare), on every core
//	apply:   the ordered step that updates the newsroom's window
//	save:    Store.SaveAnalysis, one transaction per job
//
// so job N+1's text is analysed while job N is applied and job N-1 saved,
// and the store's writer can commit the next articles meanwhile. Saves
// happen in apply order, which is what keeps a story from being overwritten
// by an older state of itself.

// stageDepth is how many jobs wait between two goroutines of the stage. It
// bounds how far the newsroom lags behind the store (and the memory that
// lag holds); writers block, rather than queue without limit, beyond it.
const stageDepth = 2

type job struct {
	ctx   context.Context
	as    []*news.Article // new or edited articles, in commit order
	steps []func() ([]news.Analysis, []news.StoryUpdate)

	analyses []news.Analysis
	stories  []news.StoryUpdate
	err      error
	// done runs on the save goroutine once the job is saved or has failed,
	// in submission order. It must not block on the stage.
	done func(error)
}

type stage struct {
	p                    *Pipeline
	prep, apply, save    chan *job
	mu                   sync.RWMutex // guards closed against concurrent submit
	closed               bool
	exited               chan struct{}
	prepT, applyT, saveT atomic.Int64 // nanoseconds each goroutine was busy
}

func (p *Pipeline) newsroomStage() *stage {
	p.stageOnce.Do(func() {
		s := &stage{p: p, prep: make(chan *job, stageDepth), apply: make(chan *job, stageDepth),
			save: make(chan *job, stageDepth), exited: make(chan struct{})}
		go s.prepareLoop()
		go s.applyLoop()
		go s.saveLoop()
		p.stage.Store(s)
	})
	return p.stage.Load()
}

var errClosed = news.Errorf(news.EINVALID, "ingest: pipeline is closed")

// submit queues a job. It blocks while the stage is full: back-pressure on
// whoever commits articles faster than the newsroom analyses them.
func (s *stage) submit(j *job) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errClosed
	}
	s.prep <- j
	return nil
}

// wait submits an empty job and waits until it is done: every job submitted
// before it has then been saved.
func (s *stage) wait(ctx context.Context) error {
	done := make(chan struct{})
	if err := s.submit(&job{ctx: context.WithoutCancel(ctx), done: func(error) { close(done) }}); err != nil {
		return err
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// close lets queued jobs finish and stops the goroutines.
func (s *stage) close() {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.prep)
	}
	s.mu.Unlock()
	<-s.exited
}

func (s *stage) prepareLoop() {
	defer close(s.apply)
	split, ok := s.p.Newsroom.(SplitNewsroom)
	for j := range s.prep {
		if ok && len(j.as) > 0 && j.ctx.Err() == nil {
			start := time.Now()
			j.steps = make([]func() ([]news.Analysis, []news.StoryUpdate), len(j.as))
			_ = parallel(len(j.as), func(i int) error { j.steps[i] = split.Prepare(j.as[i]); return nil })
			s.prepT.Add(int64(time.Since(start)))
		}
		s.apply <- j
	}
}

func (s *stage) applyLoop() {
	defer close(s.save)
	for j := range s.apply {
		if len(j.as) > 0 {
			// A cancelled job is not applied: its articles stay unanalysed
			// in the window and in the store alike, as if the process had
			// stopped before them.
			if err := j.ctx.Err(); err != nil {
				j.err = err
			} else {
				start := time.Now()
				for i, a := range j.as {
					var an []news.Analysis
					var st []news.StoryUpdate
					if j.steps != nil {
						an, st = j.steps[i]()
					} else {
						an, st = s.p.Newsroom.Analyze(a)
					}
					j.analyses = append(j.analyses, an...)
					j.stories = append(j.stories, st...)
				}
				j.steps = nil
				j.analyses, j.stories = compact(j.analyses, j.stories)
				s.applyT.Add(int64(time.Since(start)))
			}
		}
		s.save <- j
	}
}

func (s *stage) saveLoop() {
	defer close(s.exited)
	for j := range s.save {
		err := j.err
		if err == nil && (len(j.analyses) > 0 || len(j.stories) > 0) {
			start := time.Now()
			if err = s.p.Store.SaveAnalysis(j.ctx, j.analyses, j.stories); err != nil {
				err = fmt.Errorf("ingest: save analysis: %w", err)
			}
			s.saveT.Add(int64(time.Since(start)))
		}
		if len(j.as) > 0 {
			s.p.countAnalysed(len(j.as), err)
		}
		j.as, j.analyses, j.stories = nil, nil, nil
		if j.done != nil {
			j.done(err)
		}
	}
}

// compact drops the states a later entry of the same job supersedes: an
// article's analysis is replaced wholesale, so only its last one counts, and
// likewise a story's last state. A busy story changes with almost every
// article that joins it, and an older article's related list may change
// several times in one batch; saving each intermediate state would rewrite
// the same rows over and over. Merges are kept in order: the store applies
// them after every state, as it would have without compaction.
func compact(as []news.Analysis, ss []news.StoryUpdate) ([]news.Analysis, []news.StoryUpdate) {
	if len(as) > 1 {
		last := make(map[string]int, len(as))
		for i := range as {
			last[as[i].ArticleID] = i
		}
		out := as[:0]
		for i := range as {
			if last[as[i].ArticleID] == i {
				out = append(out, as[i])
			}
		}
		// Clear the tail so the dropped analyses' slices can be collected.
		clear(as[len(out):])
		as = out
	}
	if len(ss) > 1 {
		last := make(map[string]int, len(ss))
		for i := range ss {
			if ss[i].MergedInto == "" {
				last[ss[i].Story.ID] = i
			}
		}
		out := ss[:0]
		for i := range ss {
			if ss[i].MergedInto != "" || last[ss[i].Story.ID] == i {
				out = append(out, ss[i])
			}
		}
		clear(ss[len(out):])
		ss = out
	}
	return as, ss
}
