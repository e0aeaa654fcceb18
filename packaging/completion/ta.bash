# bash completion for ta(1) and ta-server(1).                    -*- shell-script -*-
# Installed as share/bash-completion/completions/ta and .../ta-server: bash-completion loads it
# the first time either command is completed.

_ta() {
    local cur prev words cword split
    _init_completion -s || return

    case $prev in
    -h | --help | --version)
        return
        ;;
    -f | --file)
        # A file of documents, one a line, or - for standard input.
        _filedir
        [[ -z $cur || $cur == - ]] && COMPREPLY+=(-)
        return
        ;;
    --key-file | --cacert)
        _filedir
        return
        ;;
    --format)
        COMPREPLY=($(compgen -W 'text tsv csv json jsonl' -- "$cur"))
        return
        ;;
    --input)
        COMPREPLY=($(compgen -W 'text jsonl' -- "$cur"))
        return
        ;;
    --engine)
        COMPREPLY=($(compgen -W 'builtin remote' -- "$cur"))
        return
        ;;
    --api)
        COMPREPLY=($(compgen -W 'auto 2025-11-01 2024-11-01 2023-04-01 2022-05-01
                                  v3.1 v3.0 v2.1 v2.0' -- "$cur"))
        return
        ;;
    --string-index-type)
        COMPREPLY=($(compgen -W 'TextElement UnicodeCodePoint Utf16CodeUnit' -- "$cur"))
        return
        ;;
    --endpoint)
        COMPREPLY=($(compgen -W 'http://localhost:5000 https://' -- "$cur"))
        compopt -o nospace
        return
        ;;
    -l | --language | --model-version | --concurrency | --retries | --rate | --timeout)
        # A value of the user's own: nothing to offer.
        return
        ;;
    esac
    $split && return

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '-h --help --version -f --file --input -l --language --engine
                                  --endpoint --key-file --cacert --allow-insecure-http --api
                                  --model-version --opinion-mining
                                  --show-stats --logging-opt-out --string-index-type
                                  --concurrency --retries --rate --timeout -v --verbose --format
                                  --progress --no-progress' -- "$cur"))
        return
    fi
    # A text to score: nothing to offer.
} &&
    complete -F _ta ta

_ta_server() {
    local cur prev words cword split
    _init_completion -s || return

    case $prev in
    -h | --help | --version)
        return
        ;;
    --key-file)
        _filedir
        return
        ;;
    --host)
        COMPREPLY=($(compgen -W '127.0.0.1 0.0.0.0 localhost' -- "$cur"))
        return
        ;;
    --port | --threads | --latency | --request-timeout)
        return
        ;;
    esac
    $split && return

    COMPREPLY=($(compgen -W '-h --help --version --host --port --key-file --threads
                              --latency --request-timeout' -- "$cur"))
} &&
    complete -F _ta_server ta-server

# ex: filetype=sh
