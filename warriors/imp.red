;redcode-94
;name Imp
;author drq
;strategy The smallest warrior: copies itself one cell ahead, forever.
;assert 1
        mov.i   $0, $1
        end
