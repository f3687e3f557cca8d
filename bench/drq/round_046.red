;redcode-94
;name offline r45 s71
;author drq offline generator
;strategy mutated r45s63: swapped the imp launcher
;header
        SPL.B  $11, $0
        SPL.B  $22, $0
        JMP.B  $4, $0
;block clear 3
        DAT.F  #0, #8
        DAT.F  #0, #8
        SPL.B  #0, #8
        MOV.I  $-1, >-3
        DJN.B  $-1, #-12
        SPL.B  #0, $0
        MOV.I  $-5, >-6
        DJN.F  $-1, >-7
;block bomber 0
        ADD.AB #644, $2
        MOV.I  $4, @1
        MOV.I  $4, $48
        DJN.B  $-3, #86
        JMP.B  $5, $0
        SPL.B  #0, #0
        DAT.F  #0, #0
        DAT.F  #0, #5
        DAT.F  #0, #5
        SPL.B  #0, $0
        MOV.I  $-2, >-3
        DJN.F  $-1, >-4
;block imp 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $2, $0
        JMP.B  @0, $3
        ADD.AB #2667, $-1
        DAT.F  #0, #0
        MOV.I  #0, $2667
        end     0
