-- generated from ProductListQuery / FacetQuery (see loadtest/README.md)
SELECT q.w AS word, l.word AS suggestion FROM unnest(ARRAY['headphnes']) AS q(w) CROSS JOIN LATERAL (SELECT word FROM search_lexicon WHERE word % q.w AND word <> q.w ORDER BY word <-> q.w LIMIT 3) l WHERE NOT EXISTS (SELECT 1 FROM search_lexicon known WHERE known.word ^@ q.w);
