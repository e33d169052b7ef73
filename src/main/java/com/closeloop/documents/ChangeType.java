package com.closeloop.documents;

public enum ChangeType {
    MAJOR, MINOR, ADMINISTRATIVE
}
