// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include <SFML/Graphics/Texture.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include <imgui.h>

/// Text on the scene (labels, captions, the scale bar), batched into one vertex array. Glyphs are
/// rasterised by Dear ImGui's font atlas from DejaVu Sans (fonts-dejavu-core) when it is
/// installed, else from ImGui's built-in font, so text never depends on a missing file.
namespace viz {

enum class TextStyle { Small, Body, Bold, Title };

class LabelFont {
public:
    LabelFont();
    ~LabelFont();
    LabelFont(const LabelFont&) = delete;
    LabelFont& operator=(const LabelFont&) = delete;

    /// Size in pixels of one line of UTF-8 text.
    sf::Vector2f measure(std::string_view text, TextStyle style) const;
    /// Appends the glyphs of `text` with its top-left corner at `topLeft` (pixels; rounded so
    /// that glyphs stay crisp) to a triangle array drawn with texture().
    void append(sf::VertexArray& triangles, std::string_view text, sf::Vector2f topLeft, sf::Color colour,
                TextStyle style) const;
    const sf::Texture& texture() const { return texture_; }
    /// A texture coordinate of an opaque white texel: untextured shapes (label backgrounds) in the
    /// same vertex array as the text.
    sf::Vector2f whiteTexCoord() const;
    /// True when a TrueType font was found; false means ImGui's built-in bitmap font.
    bool trueType() const { return trueType_; }
    /// The TrueType file used for panels too (empty if none).
    const std::string& regularPath() const { return regularPath_; }

private:
    const ImFont* font(TextStyle style) const;

    std::unique_ptr<ImFontAtlas> atlas_;
    ImFont* fonts_[4] = {};
    float scale_[4] = {1.0f, 1.0f, 1.0f, 1.0f};
    sf::Texture texture_;
    bool trueType_ = false;
    std::string regularPath_;
};

/// The first of the usual DejaVu Sans locations that exists (empty if none); `bold` for the bold face.
std::string findSystemFont(bool bold);

/// The code points the scene and the panels draw (for ImFontAtlas::AddFontFromFileTTF).
const ImWchar* glyphRanges();

/// Decodes one UTF-8 code point at text[i] and advances i (U+FFFD on a bad sequence).
unsigned int nextCodePoint(std::string_view text, std::size_t& i);

}  // namespace viz
