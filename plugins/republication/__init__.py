"""Republication notice: "first published by X", with neutral, sourced facts about X."""
