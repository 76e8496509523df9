// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Reading recordings. open() checks, in this order: the preamble (magic, version), the footer
// (finished, file size), then META, INDX, ENTS, EVNT and OUTC, each against the file's extent and
// its checksum. Frame chunks are checked when first decoded. Nothing here trusts a length or a
// count before comparing it with the bytes that can hold it.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>

#include "recording_format.hpp"
#include "recording_frames.hpp"
#include "recording_sections.hpp"
#include "sim/io/outcome_json.hpp"
#include "sim/io/recording.hpp"

namespace sim::io {

using namespace detail::rec;

namespace {

/// Random access to the recording's bytes.
class Source {
public:
    virtual ~Source() = default;
    virtual std::uint64_t size() const = 0;
    /// Reads exactly n bytes at offset; false if they are not there (any more).
    virtual bool read(std::uint64_t offset, std::size_t n, std::vector<std::uint8_t>& out) = 0;
};

class FileSource final : public Source {
public:
    FileSource(std::ifstream file, std::uint64_t size) : file_(std::move(file)), size_(size) {}
    std::uint64_t size() const override { return size_; }
    bool read(std::uint64_t offset, std::size_t n, std::vector<std::uint8_t>& out) override {
        if (offset > size_ || n > size_ - offset) return false;
        out.resize(n);
        file_.clear();
        file_.seekg(static_cast<std::streamoff>(offset));
        file_.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(n));
        return static_cast<std::size_t>(file_.gcount()) == n;
    }

private:
    std::ifstream file_;
    std::uint64_t size_;
};

class MemorySource final : public Source {
public:
    explicit MemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
    std::uint64_t size() const override { return bytes_.size(); }
    bool read(std::uint64_t offset, std::size_t n, std::vector<std::uint8_t>& out) override {
        if (offset > bytes_.size() || n > bytes_.size() - offset) return false;
        out.assign(bytes_.begin() + static_cast<std::ptrdiff_t>(offset),
                   bytes_.begin() + static_cast<std::ptrdiff_t>(offset + n));
        return true;
    }

private:
    std::string bytes_;
};

/// What went wrong, for the one-line message.
struct Failure {
    std::string reason;
};

std::string why(SectionError e) {
    switch (e) {
        case SectionError::Checksum: return "checksum mismatch";
        case SectionError::Codec: return "does not decompress";
        case SectionError::Size: return "wrong size";
        case SectionError::None: break;
    }
    return "unreadable";
}

}  // namespace

struct Recording::Impl {
    std::string name;
    std::unique_ptr<Source> source;
    RecordingHeader header;
    Quanta quanta;
    bool lenient = false;  // the file's minor version is newer than this reader's
    std::vector<EntityInfo> entities;
    std::vector<Event> events;
    Outcome outcome;
    Index index;
    std::uint64_t dataEnd = 0;  // offset of the index section: chunks lie before it

    // Guarded by mutex: the file position, the zstd context and the cache.
    mutable std::mutex mutex;
    mutable Decompressor zstd;
    mutable std::vector<std::uint8_t> scratch;
    mutable std::optional<std::size_t> cachedChunk;
    mutable std::vector<Frame> cachedFrames;

    /// Reads the section at `offset`, which must end at or before `end`, carry `tag` and hold at
    /// most `maxRaw` bytes decompressed. On failure sets `failure` to "<what> (<reason>)".
    std::optional<std::vector<std::uint8_t>> section(std::uint64_t offset, std::uint64_t end, const Tag& tag,
                                                     std::uint32_t maxRaw, const std::string& what,
                                                     std::string& failure) const {
        std::vector<std::uint8_t> head;
        if (offset > end || end - offset < kSectionHeaderBytes || !source->read(offset, kSectionHeaderBytes, head)) {
            failure = what + " (outside the file)";
            return std::nullopt;
        }
        const auto h = parseSectionHeader(head);
        if (!h || h->tag != tag) {
            failure = what + " (no " + tagName(tag) + " section at byte " + std::to_string(offset) + ")";
            return std::nullopt;
        }
        if (h->storedSize > end - offset - kSectionHeaderBytes) {
            failure = what + " (" + std::to_string(h->storedSize) + " bytes announced, past its end)";
            return std::nullopt;
        }
        if (h->rawSize > maxRaw) {
            failure = what + " (" + std::to_string(h->rawSize) + " bytes announced, more than a recording holds)";
            return std::nullopt;
        }
        if (!source->read(offset + kSectionHeaderBytes, h->storedSize, scratch)) {
            failure = what + " (unreadable)";
            return std::nullopt;
        }
        SectionError e = SectionError::None;
        auto raw = decodeSection(*h, head, scratch, zstd, &e);
        if (!raw) failure = what + " (" + why(e) + ")";
        return raw;
    }

    double frameTime(std::uint64_t f) const {
        return static_cast<double>(tickOf(index.ticks, f)) * header.timeStep;
    }

    /// Decodes chunk c into the cache. Caller holds the mutex.
    bool load(std::size_t c, std::string& failure) const {
        if (cachedChunk == c) return true;
        const ChunkRef& ref = index.chunks[c];
        const std::string what = "corrupt chunk " + std::to_string(c);
        auto raw = section(ref.offset, dataEnd, kTagFrames, kMaxChunkRawBytes, what, failure);
        if (!raw) return false;
        std::vector<double> times(ref.frameCount);
        for (std::uint32_t i = 0; i < ref.frameCount; ++i) times[i] = frameTime(ref.firstFrame + i);
        auto frames = decodeChunk(*raw, ref.frameCount, static_cast<std::uint32_t>(entities.size()), quanta, times);
        if (!frames) {
            failure = what + " (inconsistent frame data)";
            return false;
        }
        cachedFrames = std::move(*frames);
        cachedChunk = c;
        return true;
    }

    static std::optional<Recording> parse(std::unique_ptr<Source> source, std::string name, std::string* error);
    std::optional<Failure> parseAll();
};

std::optional<Failure> Recording::Impl::parseAll() {
    const std::uint64_t size = source->size();
    std::vector<std::uint8_t> bytes;
    auto fail = [](std::string reason) { return std::optional<Failure>(Failure{std::move(reason)}); };

    // Preamble.
    const std::size_t head = static_cast<std::size_t>(std::min<std::uint64_t>(size, kPreambleBytes));
    if (size == 0) return fail("not a Roadside recording (empty file)");
    if (!source->read(0, head, bytes)) return fail("unreadable");
    const std::size_t magic = std::min(head, kMagic.size());
    if (!std::equal(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(magic), kMagic.begin()))
        return fail("not a Roadside recording");
    if (size < kPreambleBytes) return fail("truncated at byte " + std::to_string(size));
    ByteReader pre{std::span<const std::uint8_t>(bytes).subspan(8)};
    const std::uint16_t major = pre.u16();
    const std::uint16_t minor = pre.u16();
    if (pre.u32() != preambleCheck(bytes) && checksumsEnforced()) return fail("corrupt header (checksum mismatch)");
    const std::string version = std::to_string(major) + "." + std::to_string(minor);
    if (major > kMajorVersion)
        return fail("written by a newer Roadside (recording format " + version + "; this build reads format " +
                    std::to_string(kMajorVersion) + ".x)");
    if (major < kMajorVersion) return fail("recording format " + version + " is not supported");
    lenient = minor > kMinorVersion;
    header.formatVersion = major;
    header.formatMinorVersion = minor;

    // Footer.
    if (size < kPreambleBytes + kFooterBytes || !source->read(size - kFooterBytes, kFooterBytes, bytes) ||
        !std::equal(kEndMagic.begin(), kEndMagic.end(), bytes.begin() + 24))
        return fail("truncated at byte " + std::to_string(size) +
                    " (no index at the end: the run did not finish, or the file was cut)");
    ByteReader foot(bytes);
    const std::uint64_t indexOffset = foot.u64();
    const std::uint64_t fileSize = foot.u64();
    if (foot.u64() != xxh64(std::span(bytes).first(16)) && checksumsEnforced())
        return fail("corrupt index (footer checksum mismatch)");
    if (fileSize != size)
        return fail(fileSize > size ? "truncated at byte " + std::to_string(size) + " of " + std::to_string(fileSize)
                                    : "corrupt: " + std::to_string(size - fileSize) +
                                          " unexpected bytes after the end of the recording");
    dataEnd = indexOffset;
    const std::uint64_t indexEnd = size - kFooterBytes;
    if (indexOffset < kPreambleBytes || indexOffset > indexEnd) return fail("corrupt index (misplaced)");

    std::string failure;
    // META
    auto raw = section(kPreambleBytes, dataEnd, kTagMeta, kMaxSectionRawBytes, "corrupt header", failure);
    if (!raw) return fail(failure);
    const auto meta = decodeMeta(*raw, lenient);
    if (!meta) return fail("corrupt header (inconsistent fields)");
    header.toolVersion = meta->toolVersion;
    header.scenarioName = meta->scenarioName;
    header.scenarioText = meta->scenarioText;
    header.seed = meta->seed;
    header.frameRate = meta->frameRate;
    header.timeStep = meta->timeStep;
    header.positionQuantum = meta->quanta.position;
    header.headingQuantum = meta->quanta.heading;
    header.speedQuantum = meta->quanta.speed;
    quanta = meta->quanta;

    // INDX
    raw = section(indexOffset, indexEnd, kTagIndex, kMaxSectionRawBytes, "corrupt index", failure);
    if (!raw) return fail(failure);
    auto decodedIndex = decodeIndex(*raw, dataEnd, lenient);
    if (!decodedIndex) return fail("corrupt index (inconsistent fields)");
    index = std::move(*decodedIndex);
    header.duration = index.duration;

    // ENTS, EVNT, OUTC
    raw = section(index.entitiesOffset, dataEnd, kTagEntities, kMaxSectionRawBytes, "corrupt entity table", failure);
    if (!raw) return fail(failure);
    auto decodedEntities = decodeEntities(*raw, lenient);
    if (!decodedEntities) return fail("corrupt entity table (inconsistent fields)");
    entities = std::move(*decodedEntities);

    raw = section(index.eventsOffset, dataEnd, kTagEvents, kMaxSectionRawBytes, "corrupt event list", failure);
    if (!raw) return fail(failure);
    auto decodedEvents = decodeEvents(*raw, entities.size(), lenient);
    if (!decodedEvents) return fail("corrupt event list (inconsistent fields)");
    events = std::move(*decodedEvents);

    raw = section(index.outcomeOffset, dataEnd, kTagOutcome, kMaxOutcomeRawBytes, "corrupt outcome", failure);
    if (!raw) return fail(failure);
    const std::string_view json(reinterpret_cast<const char*>(raw->data()), raw->size());
    std::string jsonError;
    const std::optional<Outcome> decodedOutcome = outcomeFromJson(json, &jsonError);
    if (!decodedOutcome) return fail("corrupt outcome" + (jsonError.empty() ? "" : " (" + jsonError + ")"));
    outcome = std::move(*decodedOutcome);
    return std::nullopt;
}

std::optional<Recording> Recording::Impl::parse(std::unique_ptr<Source> source, std::string name,
                                                std::string* error) {
    auto impl = std::make_unique<Impl>();
    impl->name = std::move(name);
    impl->source = std::move(source);
    if (auto failure = impl->parseAll()) {
        if (error) *error = impl->name + ": " + failure->reason;
        return std::nullopt;
    }
    return Recording(std::move(impl));
}

std::optional<Recording> Recording::open(const std::filesystem::path& path, std::string* error) {
    const std::string name = path.string();
    auto failed = [&](const std::string& reason) -> std::optional<Recording> {
        if (error) *error = name + ": " + reason;
        return std::nullopt;
    };
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return failed("is a folder, not a recording");
    errno = 0;
    std::ifstream file(path, std::ios::binary);
    if (!file) return failed(std::string("cannot open (") + (errno ? std::strerror(errno) : "unknown error") + ")");
    file.seekg(0, std::ios::end);
    const std::streamoff end = file.tellg();
    if (end < 0) return failed("cannot read its size");
    file.seekg(0);
    return Impl::parse(std::make_unique<FileSource>(std::move(file), static_cast<std::uint64_t>(end)), name, error);
}

std::optional<Recording> Recording::fromBytes(std::string bytes, std::string_view name, std::string* error) {
    return Impl::parse(std::make_unique<MemorySource>(std::move(bytes)), std::string(name), error);
}

Recording::Recording(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Recording::Recording(Recording&&) noexcept = default;
Recording& Recording::operator=(Recording&&) noexcept = default;
Recording::~Recording() = default;

const RecordingHeader& Recording::header() const { return impl_->header; }
const std::vector<EntityInfo>& Recording::entities() const { return impl_->entities; }
const std::vector<Event>& Recording::events() const { return impl_->events; }
const Outcome& Recording::outcome() const { return impl_->outcome; }
std::size_t Recording::frameCount() const { return static_cast<std::size_t>(impl_->index.frameCount); }

double Recording::frameTime(std::size_t index) const {
    const std::uint64_t n = impl_->index.frameCount;
    if (n == 0) return 0.0;
    return impl_->frameTime(std::min<std::uint64_t>(index, n - 1));
}

std::size_t Recording::frameAt(double t) const {
    const std::uint64_t n = impl_->index.frameCount;
    if (n == 0 || !(t >= frameTime(0))) return 0;
    // Within a millionth of a step counts as at the frame: times computed elsewhere may differ
    // in the last bits.
    const double slack = 1e-6 * impl_->header.timeStep;
    std::uint64_t lo = 0, hi = n;  // frameTime(lo) <= t + slack < frameTime(hi)
    while (hi - lo > 1) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        if (impl_->frameTime(mid) <= t + slack) lo = mid;
        else hi = mid;
    }
    return static_cast<std::size_t>(lo);
}

std::optional<Frame> Recording::frame(std::size_t index) const { return frame(index, nullptr); }

std::optional<Frame> Recording::frame(std::size_t index, std::string* error) const {
    const Impl& r = *impl_;
    if (index >= r.index.frameCount) {
        if (error)
            *error = r.name + ": no frame " + std::to_string(index) + " (the recording has " +
                     std::to_string(r.index.frameCount) + ")";
        return std::nullopt;
    }
    const auto it = std::upper_bound(r.index.chunks.begin(), r.index.chunks.end(), std::uint64_t{index},
                                     [](std::uint64_t f, const ChunkRef& c) { return f < c.firstFrame; });
    const auto c = static_cast<std::size_t>(it - r.index.chunks.begin() - 1);
    std::lock_guard lock(r.mutex);
    std::string failure;
    if (!r.load(c, failure)) {
        if (error) *error = r.name + ": " + failure;
        return std::nullopt;
    }
    return r.cachedFrames[index - r.index.chunks[c].firstFrame];
}

bool Recording::verifyFrames(std::string* error) const {
    const Impl& r = *impl_;
    std::lock_guard lock(r.mutex);
    for (std::size_t c = 0; c < r.index.chunks.size(); ++c) {
        std::string failure;
        if (!r.load(c, failure)) {
            if (error) *error = r.name + ": " + failure;
            return false;
        }
    }
    return true;
}

}  // namespace sim::io
