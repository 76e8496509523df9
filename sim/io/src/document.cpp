// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [0] reading files, [1] a cheap nesting pre-check, [2] toml++ -> DocNode, [3] tree
// utilities, [4] writing TOML.
#include "sim/io/document.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>

#include <toml++/toml.h>

#include "sim/io/text.hpp"

namespace sim::io {

// ---------------------------------------------------------------------------------------------
// [0] Reading files
// ---------------------------------------------------------------------------------------------

std::optional<std::string> readInputFile(const std::filesystem::path& path, std::string& problem) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        problem = "no such file";
        return std::nullopt;
    }
    if (!fs::is_regular_file(status)) {
        problem = "not a regular file";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problem = "a file that cannot be opened";
        return std::nullopt;
    }
    // Read in chunks rather than trusting the size: /proc files report 0, files grow.
    std::string text;
    char buffer[64 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxFileBytes) {
            problem = "more than " + std::to_string(kMaxFileBytes >> 20) + " MiB";
            return std::nullopt;
        }
    }
    return text;
}

// ---------------------------------------------------------------------------------------------
// [1] Pre-check: what toml++ 3.3 must not see
// ---------------------------------------------------------------------------------------------
namespace {

/// A problem found before parsing, at a 1-based line and byte column.
struct PreScanProblem {
    int line = 0;
    int column = 0;
    std::string expected;
    std::string found;
};

std::string codePointText(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    std::uint32_t cp = length == 1 ? lead : lead & (0x7Fu >> length);
    for (int k = 1; k < length; ++k) {
        if (at + static_cast<std::size_t>(k) >= text.size()) return "an invalid UTF-8 byte";
        cp = (cp << 6) | (static_cast<unsigned char>(text[at + static_cast<std::size_t>(k)]) & 0x3Fu);
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
    return length == 1 ? "the byte 0x" + std::string(buffer + 2) : std::string("the character ") + buffer;
}

// Two defects of toml++ 3.3 that input must not reach (Debian's libtomlplusplus has both):
//  - Dotted keys and [a.b.c…] headers are not bounded (arrays and inline tables are, at 256):
//    a few ten thousand segments overflow the stack in its recursive table destructor. The scan
//    bounds an estimate of the depth: open brackets and braces plus the dots of the current key.
//  - Its Unicode whitespace test reaches __builtin_unreachable for some non-ASCII code points
//    (upstream issues #190, #295). toml++ asks it wherever a non-ASCII character is invalid TOML
//    anyway (outside strings and comments: in a bare key or value, after a value) and in one
//    valid place: after a backslash in a multi-line basic string (an escape, or the first
//    character after a line-ending backslash). The scan rejects non-ASCII in all those places.
// To know what is a string, the scan follows TOML's lexical structure the way toml++ reads it:
// keys and values, strings, comments, and bare value tokens (numbers, booleans, dates), which
// toml++ reads up to a value terminator — quotes and brackets inside them do not open anything.
// On text that is not TOML it may misjudge, but only after the point where toml++ stops with
// a syntax error.
class PreScan {
public:
    explicit PreScan(std::string_view text) : text_(text) {}

    std::optional<PreScanProblem> run() {
        const std::size_t start = text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // a UTF-8 byte order mark
        for (i_ = start; i_ < text_.size() && !problem_; ++i_) {
            const char c = text_[i_];
            if (c == '\n') {
                ++line_;
                lineStart_ = i_ + 1;
            }
            switch (state_) {
            case State::Code: code(c); break;
            case State::BareValue: bareValue(c); break;
            case State::Comment:
                if (c == '\n') lineEnd();
                break;
            case State::Basic:
                if (c == '\\' && i_ + 1 < text_.size() && text_[i_ + 1] != '\n') ++i_;
                else if (c == '"' || c == '\n') state_ = State::Code;
                break;
            case State::Literal:
                if (c == '\'' || c == '\n') state_ = State::Code;
                break;
            case State::MultiBasic: multiBasic(c); break;
            case State::MultiLiteral:
                if (startsHere("\'\'\'")) state_ = State::Code, i_ += 2;
                break;
            }
            checkDepth();
        }
        return problem_;
    }

private:
    enum class State { Code, BareValue, Comment, Basic, Literal, MultiBasic, MultiLiteral };

    static bool isAscii(char c) { return static_cast<unsigned char>(c) < 0x80; }
    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }
    bool startsHere(std::string_view token) const { return text_.substr(i_, token.size()) == token; }
    bool inInlineTable() const { return !open_.empty() && open_.back() == '{'; }

    void fail(std::string expected) {
        problem_ = PreScanProblem{line_, static_cast<int>(i_ - lineStart_) + 1, std::move(expected), codePointText(text_, i_)};
    }

    void checkDepth() {
        if (!problem_ && static_cast<int>(open_.size()) + header_ + dots_ > kMaxDepth)
            problem_ = PreScanProblem{line_, static_cast<int>(i_ - lineStart_) + 1,
                                      "keys, tables and arrays nested at most " + std::to_string(kMaxDepth) + " deep",
                                      "deeper nesting"};
    }

    void lineEnd() {
        state_ = State::Code;
        dots_ = 0;
        header_ = 0;
        if (open_.empty()) key_ = true;  // a multi-line array continues its value
    }

    void code(char c) {
        if (!isAscii(c)) return fail("ASCII outside strings and comments");
        switch (c) {
        case '\n': lineEnd(); return;
        case '#': state_ = State::Comment; return;
        case '"': openString("\"\"\"", State::MultiBasic, State::Basic); return;
        case '\'': openString("\'\'\'", State::MultiLiteral, State::Literal); return;
        case '=': key_ = false, dots_ = 0; return;
        case '.': dots_ += key_ ? 1 : 0; return;
        case '{': open_.push_back('{'), key_ = true, dots_ = 0; return;
        case '}':
        case ']':
            if (header_ > 0 && c == ']') --header_;
            else if (!open_.empty()) open_.pop_back();
            return;
        case '[':
            if (key_ && open_.empty()) ++header_, dots_ = 0;  // [table] or [[array of tables]]
            else open_.push_back('[');
            return;
        case ',': key_ = inInlineTable(), dots_ = 0; return;
        default:
            if (!key_ && !isSpace(c)) state_ = State::BareValue;
            return;
        }
    }

    // A number, boolean or date: toml++ reads it up to whitespace, ']', '}', ',' or '#'.
    void bareValue(char c) {
        if (!isAscii(c)) return fail("ASCII outside strings and comments");
        if (isSpace(c) || c == '\n' || c == ']' || c == '}' || c == ',' || c == '#') {
            state_ = State::Code;
            code(c);
        }
    }

    void openString(std::string_view triple, State multi, State single) {
        if (startsHere(triple)) {
            state_ = multi;
            i_ += 2;
        } else {
            state_ = single;
        }
    }

    void multiBasic(char c) {
        if (continuation_) {
            if (isSpace(c) || c == '\n') return;
            continuation_ = false;
            if (!isAscii(c)) return fail("an ASCII character first after a line-ending backslash (or write it as \\uXXXX)");
        }
        if (c == '\\') {
            std::size_t next = i_ + 1;
            while (next < text_.size() && isSpace(text_[next])) ++next;
            if (next < text_.size() && text_[next] == '\n') {
                continuation_ = true;  // the line break is still read by run(), for line counting
                return;
            }
            if (i_ + 1 < text_.size()) {
                ++i_;
                if (!isAscii(text_[i_])) fail("an escape sequence such as \\n or \\uXXXX");
            }
            return;
        }
        if (startsHere("\"\"\"")) state_ = State::Code, i_ += 2;
    }

    std::string_view text_;
    std::size_t i_ = 0;
    std::size_t lineStart_ = 0;
    int line_ = 1;
    std::string open_;   ///< open arrays '[' and inline tables '{' of values, innermost last
    int header_ = 0;     ///< open brackets of a [table] or [[array]] header
    int dots_ = 0;       ///< dots of the key being read
    bool key_ = true;    ///< reading a key (else a value)
    bool continuation_ = false;
    State state_ = State::Code;
    std::optional<PreScanProblem> problem_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// [2] toml++ -> DocNode
// ---------------------------------------------------------------------------------------------
namespace {

SourceLocation locationOf(const toml::source_region& region, const std::string& file) {
    return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

bool before(const SourceLocation& a, const SourceLocation& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
}

struct TooLarge {
    SourceLocation where;
    std::string what;
};

// Recursive, but bounded: depth by kMaxDepth, size by kMaxValues (both reported, not thrown
// through toml++: the TooLarge exception stays inside this file).
class Converter {
public:
    explicit Converter(const std::string& file) : file_(file) {}

    DocNode convert(const toml::node& node, int depth) {
        DocNode out;
        out.where = locationOf(node.source(), file_);
        if (++values_ > kMaxValues)
            throw TooLarge{out.where, "more than " + std::to_string(kMaxValues) + " values"};
        if (depth > kMaxDepth)
            throw TooLarge{out.where, "tables or arrays nested more than " + std::to_string(kMaxDepth) + " deep"};
        switch (node.type()) {
        case toml::node_type::table: convertTable(*node.as_table(), out, depth); break;
        case toml::node_type::array:
            out.kind = DocNode::Kind::Array;
            for (const toml::node& item : *node.as_array()) out.items.push_back(convert(item, depth + 1));
            break;
        case toml::node_type::string:
            out.kind = DocNode::Kind::String;
            out.text = node.as_string()->get();
            break;
        case toml::node_type::integer:
            out.kind = DocNode::Kind::Integer;
            out.integer = node.as_integer()->get();
            break;
        case toml::node_type::floating_point:
            out.kind = DocNode::Kind::Float;
            out.number = node.as_floating_point()->get();
            break;
        case toml::node_type::boolean:
            out.kind = DocNode::Kind::Boolean;
            out.boolean = node.as_boolean()->get();
            break;
        default: convertDateTime(node, out); break;
        }
        return out;
    }

private:
    void convertTable(const toml::table& table, DocNode& out, int depth) {
        out.kind = DocNode::Kind::Table;
        for (auto&& [key, value] : table) {
            DocMember member{std::string(key.str()), locationOf(key.source(), file_), convert(value, depth + 1)};
            if (member.keyWhere.line == 0) member.keyWhere = member.value.where;
            out.members.push_back(std::move(member));
        }
        // toml++ orders keys by name; scenarios need the order of the file (units, people).
        std::stable_sort(out.members.begin(), out.members.end(),
                         [](const DocMember& a, const DocMember& b) { return before(a.keyWhere, b.keyWhere); });
    }

    static void convertDateTime(const toml::node& node, DocNode& out) {
        out.kind = DocNode::Kind::DateTime;
        std::ostringstream text;
        if (auto d = node.as_date()) text << d->get();
        else if (auto t = node.as_time()) text << t->get();
        else if (auto dt = node.as_date_time()) text << dt->get();
        out.text = text.str();
    }

    const std::string& file_;
    std::size_t values_ = 0;
};

}  // namespace

DocNode parseDocument(std::string_view text, const std::string& fileName, std::vector<Diagnostic>& errors) {
    auto fail = [&](SourceLocation where, std::string expected, std::string found) {
        errors.push_back({std::move(where), "", std::move(expected), std::move(found), ""});
        return DocNode{};
    };
    if (text.size() > kMaxFileBytes)
        return fail({fileName, 0, 0}, "a file of at most " + std::to_string(kMaxFileBytes >> 20) + " MiB",
                    std::to_string(text.size()) + " bytes");
    if (auto problem = PreScan(text).run())
        return fail({fileName, problem->line, problem->column}, std::move(problem->expected), std::move(problem->found));
    try {
        const toml::table table = toml::parse(text, std::string_view(fileName));
        DocNode root = Converter(fileName).convert(table, 0);
        root.where = {fileName, 1, 1};
        return root;
    } catch (const toml::parse_error& e) {
        return fail(locationOf(e.source(), fileName), "valid TOML", std::string(e.description()));
    } catch (const TooLarge& e) {
        return fail(e.where, "a smaller document", e.what);
    }
}

// ---------------------------------------------------------------------------------------------
// [3] Tree utilities
// ---------------------------------------------------------------------------------------------

const DocMember* DocNode::member(std::string_view key) const {
    for (const DocMember& m : members)
        if (m.key == key) return &m;
    return nullptr;
}

const DocNode* DocNode::find(std::string_view key) const {
    const DocMember* m = member(key);
    return m ? &m->value : nullptr;
}

DocNode* DocNode::find(std::string_view key) {
    for (DocMember& m : members)
        if (m.key == key) return &m.value;
    return nullptr;
}

std::string_view kindName(DocNode::Kind kind) {
    switch (kind) {
    case DocNode::Kind::Table: return "table";
    case DocNode::Kind::Array: return "array";
    case DocNode::Kind::String: return "string";
    case DocNode::Kind::Integer: return "integer";
    case DocNode::Kind::Float: return "float";
    case DocNode::Kind::Boolean: return "boolean";
    case DocNode::Kind::DateTime: return "date-time";
    }
    return "value";
}

namespace {

std::string floatText(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[40];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, result.ptr);
    // TOML needs a fraction or an exponent to read a float back as a float.
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
}

}  // namespace

std::string describe(const DocNode& node) {
    switch (node.kind) {
    case DocNode::Kind::Table: return "a table";
    case DocNode::Kind::Array: return "an array";
    case DocNode::Kind::String: return "the string " + quote(abbreviated(node.text));
    case DocNode::Kind::Integer: return "the integer " + std::to_string(node.integer);
    case DocNode::Kind::Float: return "the number " + floatText(node.number);
    case DocNode::Kind::Boolean: return node.boolean ? "true" : "false";
    case DocNode::Kind::DateTime: return "the date-time " + node.text;
    }
    return "a value";
}

void relocate(DocNode& node, const SourceLocation& where) {
    node.where = where;
    for (DocMember& m : node.members) {
        m.keyWhere = where;
        relocate(m.value, where);
    }
    for (DocNode& item : node.items) relocate(item, where);
}

void mergeInto(DocNode& into, DocNode&& from) {
    if (!into.isTable() || !from.isTable()) {
        into = std::move(from);
        return;
    }
    // An index, not DocNode::find: a generated file may have many thousand keys in one table.
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < into.members.size(); ++i) index.emplace(into.members[i].key, i);
    for (DocMember& m : from.members) {
        const auto found = index.find(m.key);
        if (found == index.end()) {
            index.emplace(m.key, into.members.size());
            into.members.push_back(std::move(m));
            continue;
        }
        DocMember& existing = into.members[found->second];
        if (existing.value.isTable() && m.value.isTable()) {
            mergeInto(existing.value, std::move(m.value));
        } else {
            existing.keyWhere = m.keyWhere;
            existing.value = std::move(m.value);
        }
    }
}

std::size_t countValues(const DocNode& node) {
    std::size_t count = 1;
    for (const DocMember& m : node.members) count += countValues(m.value);
    for (const DocNode& item : node.items) count += countValues(item);
    return count;
}

// ---------------------------------------------------------------------------------------------
// [4] Writing TOML
// ---------------------------------------------------------------------------------------------
namespace {

bool isBareKey(std::string_view key) {
    if (key.empty()) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

std::string keyText(std::string_view key) { return isBareKey(key) ? std::string(key) : quote(key); }

void writeInline(std::string& out, const DocNode& node) {
    switch (node.kind) {
    case DocNode::Kind::Table:
        if (node.members.empty()) {
            out += "{}";
            return;
        }
        out += "{ ";
        for (std::size_t i = 0; i < node.members.size(); ++i) {
            if (i > 0) out += ", ";
            out += keyText(node.members[i].key) + " = ";
            writeInline(out, node.members[i].value);
        }
        out += " }";
        return;
    case DocNode::Kind::Array:
        out += '[';
        for (std::size_t i = 0; i < node.items.size(); ++i) {
            if (i > 0) out += ", ";
            writeInline(out, node.items[i]);
        }
        out += ']';
        return;
    case DocNode::Kind::String: out += quote(node.text); return;
    case DocNode::Kind::Integer: out += std::to_string(node.integer); return;
    case DocNode::Kind::Float: out += floatText(node.number); return;
    case DocNode::Kind::Boolean: out += node.boolean ? "true" : "false"; return;
    case DocNode::Kind::DateTime: out += node.text; return;
    }
}

void writeTable(std::string& out, const DocNode& table, const std::string& path) {
    // A table that only holds tables ([units]) is implied by their headers; an empty one is not.
    const bool onlyTables = !table.members.empty() &&
                            std::all_of(table.members.begin(), table.members.end(), [](const DocMember& m) { return m.value.isTable(); });
    if (!path.empty() && !onlyTables) out += "\n[" + path + "]\n";
    for (const DocMember& m : table.members) {
        if (m.value.isTable()) continue;
        out += keyText(m.key) + " = ";
        writeInline(out, m.value);
        out += '\n';
    }
    for (const DocMember& m : table.members)
        if (m.value.isTable()) writeTable(out, m.value, path.empty() ? keyText(m.key) : path + "." + keyText(m.key));
}

}  // namespace

std::string tomlLiteral(const DocNode& node) {
    std::string out;
    writeInline(out, node);
    return out;
}

std::string labelOf(const DocNode& node) { return node.kind == DocNode::Kind::String ? node.text : tomlLiteral(node); }

std::string writeToml(const DocNode& root) {
    std::string out;
    writeTable(out, root, "");
    return out;
}

}  // namespace sim::io
