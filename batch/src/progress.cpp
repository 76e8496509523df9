// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "batch/progress.hpp"

#include <cstdio>
#include <string>

#include "batch/stats.hpp"

namespace batch {
namespace {

std::string duration(double seconds) {
    if (!(seconds >= 0) || seconds > 359999) return "--:--";
    const auto s = static_cast<long>(seconds + 0.5);
    char buffer[32];
    if (s >= 3600) std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buffer, sizeof buffer, "%ld:%02ld", s / 60, s % 60);
    return buffer;
}

}  // namespace

Progress::Progress(std::ostream& out, Style style, std::size_t total, std::size_t done, std::size_t struck, bool weighted)
    : out_(out), style_(style), total_(total), done_(done), struck_(struck), weighted_(weighted) {}

Progress::Style Progress::styleFor(bool quiet, bool terminal) {
    if (quiet) return Style::Quiet;
    return terminal ? Style::Bar : Style::Lines;
}

void Progress::add(bool struck) {
    ++done_;
    ++ranHere_;
    struck_ += struck ? 1 : 0;
    if (style_ == Style::Quiet) return;
    const auto now = Clock::now();
    const auto every = style_ == Style::Bar ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000);
    if (now - lastDraw_ >= every) {
        lastDraw_ = now;
        draw(false);
    }
}

void Progress::finish() {
    if (style_ == Style::Quiet) return;
    draw(true);
}

void Progress::draw(bool final) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(ranHere_) / elapsed : 0.0;
    const double left = rate > 0 ? static_cast<double>(total_ - done_) / rate : -1.0;
    char text[256];
    std::string estimate = "P(strike) -";
    if (weighted_) {
        estimate = std::to_string(struck_) + " runs with a strike (weighted estimates in the summary)";
    } else if (done_ > 0) {
        const Estimate p = strikeProbability(struck_, done_);
        std::snprintf(text, sizeof text, "P(strike) %.3g [%.3g, %.3g]", p.estimate, p.lo, p.hi);
        estimate = text;
    }
    std::snprintf(text, sizeof text, "%zu/%zu runs  %.1f runs/s  %s %s  %s", done_, total_, rate, final ? "took" : "left",
                  duration(final ? elapsed : left).c_str(), estimate.c_str());
    if (style_ == Style::Bar) {
        constexpr int kWidth = 28;
        const int filled = total_ ? static_cast<int>(kWidth * static_cast<double>(done_) / static_cast<double>(total_)) : kWidth;
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(kWidth, '.');
        out_ << "\r[" << bar << "] " << text << "\033[K";
        if (final) out_ << "\n";
    } else {
        out_ << "roadside-batch: " << text << "\n";
    }
    out_.flush();
}

}  // namespace batch
