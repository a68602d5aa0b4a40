package io.leadsuite.testkit;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.leadsuite.common.outbox.Outbox;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Three query plans the embedded store lacks, added to both of its backends, so that a local stack with
 * a million leads answers reads in bounded memory:
 *
 * <ul>
 *   <li><b>By id, with more conditions.</b> The store uses an index only when a query names exactly
 *       the index's fields, so {@code {_id, userId}} (every tenant-scoped read by id) read every
 *       document. Here a query whose {@code _id} is a value or an {@code $in} reads only those ids; the
 *       store still matches each against the whole query.
 *   <li><b>Sorted and limited.</b> The store sorted every matching document before applying the limit,
 *       holding them all: a first page of a million leads held a million documents. Here a limited
 *       sort keeps only the best {@code skip + limit} while it reads.
 *   <li><b>By an outbox field.</b> The store ignores non-unique indexes, so each outbox relay's poll
 *       for due events ({@code outboxAt}) and for its claimed round ({@code relayRound}) read the whole
 *       collection: at a few hundred thousand leads the store spent seconds per poll, with the
 *       collection locked, and other requests waited past their timeouts. Here each collection keeps,
 *       in memory, the positions of the documents that have one of these fields (the suite's sparse
 *       outbox indexes), maintained on every insert, update and delete and rebuilt when the collection
 *       is opened; a query whose condition on such a field can only match documents that have it reads
 *       only those.
 * </ul>
 *
 * Both give the same results as the store's own plans; they change what is read and held, not what
 * matches.
 */
final class StoreQueries {

    private static final String ID = "_id";
    private static final List<String> SPARSE_FIELDS = List.of(Outbox.OUTBOX_AT, Outbox.RELAY_ROUND);
    /** Conditions that no document without the field matches. */
    private static final Set<String> REQUIRING = Set.of("$eq", "$gt", "$gte", "$lt", "$lte", "$in");

    private StoreQueries() {}

    /** The in-memory backend with these plans, refusing writes once {@code guard} says memory is short. */
    static MemoryBackend memoryBackend(MemoryGuard guard) {
        return new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
                guard.check(command);
                return super.handleCommand(channel, databaseName, command, query);
            }

            @Override
            public MemoryDatabase openOrCreateDatabase(String databaseName) {
                return new MemoryDatabase(databaseName, getCursorRegistry()) {
                    @Override
                    protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
                        return new Memory(this, name, options, cursorRegistry);
                    }
                };
            }
        };
    }

    /** The H2 (file) backend with these plans, on {@code store}. */
    static H2Backend h2Backend(MVStore store) {
        return new H2Backend(store) {
            @Override
            protected MongoDatabase openOrCreateDatabase(String databaseName) {
                return new H2Database(databaseName, store, getCursorRegistry()) {
                    @Override
                    protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
                        // The maps H2Database itself opens for a collection.
                        String namespace = getFullCollectionNamespace(name);
                        MVMap<Object, Document> data = store.openMap("databases." + namespace);
                        MVMap<String, Object> meta = store.openMap("meta." + namespace);
                        return new H2(this, name, options, data, meta, cursorRegistry);
                    }
                };
            }
        };
    }

    /** Matches a query against the documents at some positions. */
    @FunctionalInterface
    private interface ByPositions<P> {
        QueryResult match(Iterable<P> positions);
    }

    /** The query answered by id or by an outbox field, or null for the store's own plans. */
    private static <P> QueryResult planned(
            Document query, List<Index<P>> indexes, SparseFields<P> sparse, ByPositions<P> match) {
        QueryResult found = byId(query, indexes, match);
        if (found != null) {
            return found;
        }
        List<P> candidates = sparse.candidates(query);
        return candidates == null ? null : match.match(candidates);
    }

    /** The query answered from the ids it names, or null when it names none (or only ids). */
    private static <P> QueryResult byId(Document query, List<Index<P>> indexes, ByPositions<P> match) {
        if (query.size() < 2 || !query.containsKey(ID)) {
            return null;
        }
        Object id = query.get(ID);
        if (id instanceof Document condition && !(condition.size() == 1 && condition.containsKey("$in"))) {
            return null;
        }
        Document ids = new Document(ID, id);
        for (Index<P> index : indexes) {
            if (index.canHandle(ids)) {
                return match.match(index.getPositions(ids));
            }
        }
        return null;
    }

    /**
     * For a sorted, limited query: the matching documents that can be on its page (the best {@code skip +
     * limit}, in order), or null for any other query, which the store's own plan answers.
     */
    private static Stream<Document> page(
            Stream<Document> documents, Predicate<Document> matches, Comparator<Document> order, int skip, int limit) {
        if (order == null || limit <= 0) {
            return null;
        }
        return best(documents.filter(matches), order, skip + limit).stream();
    }

    /** The best {@code keep} of {@code documents} by {@code order}, in order, holding no more than that. */
    private static List<Document> best(Stream<Document> documents, Comparator<Document> order, int keep) {
        PriorityQueue<Document> worstFirst = new PriorityQueue<>(keep + 1, order.reversed());
        documents.forEach(document -> {
            worstFirst.add(document);
            if (worstFirst.size() > keep) {
                worstFirst.poll();
            }
        });
        List<Document> kept = new ArrayList<>(worstFirst);
        kept.sort(order);
        return kept;
    }

    /**
     * The positions of a collection's documents that have each of {@link #SPARSE_FIELDS}: a sparse index
     * without keys, enough for the relays, which read every document that has the field anyway.
     */
    private static final class SparseFields<P> {

        private final Map<String, Set<P>> positions = new HashMap<>();

        SparseFields() {
            SPARSE_FIELDS.forEach(field -> positions.put(field, ConcurrentHashMap.newKeySet()));
        }

        void added(P position, Document document) {
            positions.forEach((field, having) -> {
                if (document.containsKey(field)) {
                    having.add(position);
                }
            });
        }

        void removed(P position) {
            positions.values().forEach(having -> having.remove(position));
        }

        void updated(P position, Document document) {
            removed(position);
            added(position, document);
        }

        /** The positions that can match {@code query}, or null when no condition narrows them. */
        List<P> candidates(Document query) {
            for (String field : SPARSE_FIELDS) {
                if (query.containsKey(field) && requiresField(query.get(field))) {
                    return List.copyOf(positions.get(field));
                }
            }
            return null;
        }

        private static boolean requiresField(Object condition) {
            if (!(condition instanceof Document operators)) {
                return condition != null;
            }
            if (operators.isEmpty() || operators.keySet().stream().noneMatch(key -> key.startsWith("$"))) {
                return true;
            }
            return operators.entrySet().stream().allMatch(operator -> switch (operator.getKey()) {
                case "$exists" -> Boolean.TRUE.equals(operator.getValue());
                case "$in" -> operator.getValue() instanceof Collection<?> values && !values.contains(null);
                default -> REQUIRING.contains(operator.getKey()) && operator.getValue() != null;
            });
        }
    }

    private static final class Memory extends MemoryCollection {

        private final SparseFields<Integer> sparse = new SparseFields<>();

        Memory(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fields) {
            ByPositions<Integer> match =
                    positions -> matchDocuments(query, positions, orderBy, skip, limit, batchSize, fields);
            QueryResult found = planned(query, getIndexes(), sparse, match);
            return found != null ? found : super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            Integer position = super.addDocumentInternal(document);
            sparse.added(position, document);
            return position;
        }

        @Override
        protected void removeDocument(Integer position) {
            super.removeDocument(position);
            sparse.removed(position);
        }

        @Override
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument);
            sparse.updated(position, newDocument);
        }

        @Override
        protected QueryResult matchDocumentsFromStream(
                Document query,
                Stream<Document> documents,
                int skip,
                int limit,
                int batchSize,
                Comparator<Document> order,
                Document fields) {
            Stream<Document> page =
                    page(documents, document -> documentMatchesQuery(document, query), order, skip, limit);
            return page == null
                    ? super.matchDocumentsFromStream(query, documents, skip, limit, batchSize, order, fields)
                    : super.matchDocumentsFromStream(new Document(), page, skip, limit, batchSize, null, fields);
        }
    }

    private static final class H2 extends H2Collection {

        private final SparseFields<Object> sparse = new SparseFields<>();

        H2(
                MongoDatabase database,
                String name,
                CollectionOptions options,
                MVMap<Object, Document> data,
                MVMap<String, Object> meta,
                CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
            // The file keeps the documents, not these positions: find them once, on opening.
            streamAllDocumentsWithPosition()
                    .forEach(stored -> sparse.added(stored.getPosition(), stored.getDocument()));
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fields) {
            ByPositions<Object> match =
                    positions -> matchDocuments(query, positions, orderBy, skip, limit, batchSize, fields);
            QueryResult found = planned(query, getIndexes(), sparse, match);
            return found != null ? found : super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            Object position = super.addDocumentInternal(document);
            sparse.added(position, document);
            return position;
        }

        @Override
        protected void removeDocument(Object position) {
            super.removeDocument(position);
            sparse.removed(position);
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument);
            sparse.updated(position, newDocument);
        }

        @Override
        protected QueryResult matchDocumentsFromStream(
                Document query,
                Stream<Document> documents,
                int skip,
                int limit,
                int batchSize,
                Comparator<Document> order,
                Document fields) {
            Stream<Document> page =
                    page(documents, document -> documentMatchesQuery(document, query), order, skip, limit);
            return page == null
                    ? super.matchDocumentsFromStream(query, documents, skip, limit, batchSize, order, fields)
                    : super.matchDocumentsFromStream(new Document(), page, skip, limit, batchSize, null, fields);
        }
    }
}
